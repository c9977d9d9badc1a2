//! One function per subcommand. Each reads its inputs, calls the core, writes its outputs.

use crate::files::{self, CliResult};
use crate::keys;
use crate::output;
use clap::Args;
use qinglian_core::crypto::{Digest, SecretKey};
use qinglian_core::federation::{RootSpec, TrustRoot};
use qinglian_core::keyfile::KeyFile;
use qinglian_core::kinds::Kind;
use qinglian_core::produce::{self, RecordDraft};
use qinglian_core::report::{outcome, text, KnownHead};
use qinglian_core::verify::{TrustAnchor, Verifier, VerifyOptions};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The unsigned root statement from a spec file: version 1, or the successor of `previous`.
fn root_from_spec(
    path: &Path,
    previous: Option<&TrustRoot>,
    time: Option<&str>,
) -> CliResult<serde_json::Map<String, Value>> {
    let v: Value = serde_json::from_slice(&files::read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    let spec = RootSpec::parse(&v).map_err(|e| format!("{}: {e} ({})", path.display(), e.code().as_str()))?;
    spec.statement(previous, files::time_arg(time)?)
        .map_err(|e| format!("{}: {e} ({})", path.display(), e.code().as_str()))
}

fn read_keys(paths: &[PathBuf]) -> CliResult<Vec<SecretKey>> {
    paths.iter().map(|p| keys::read(p).map(|k| k.key)).collect()
}

fn write_root(out: &Path, signed: &produce::SignedStatement, after: Option<&TrustRoot>) -> CliResult {
    files::write(out, &[signed.line.as_slice(), b"\n"].concat())?;
    println!("fingerprint {}", signed.id);
    match TrustRoot::from_line(&signed.line) {
        Ok(root) => match after.map(|a| a.accepts_successor(&root)) {
            Some(Err(e)) => println!(
                "not yet valid as a successor: {} — add signatures with `qinglian federation sign`",
                e.message().en
            ),
            _ => println!("valid: version {} with {} departments", root.version, root.departments.len()),
        },
        Err(e) => println!("not yet valid: {} — add signatures with `qinglian federation sign`", e.message().en),
    }
    Ok(())
}

pub fn federation_init(spec: &Path, sign: &[PathBuf], out: &Path, time: Option<&str>) -> CliResult {
    let stmt = root_from_spec(spec, None, time)?;
    let keys = read_keys(sign)?;
    let signed = produce::sign_root(&stmt, &keys.iter().collect::<Vec<_>>());
    write_root(out, &signed, None)
}

pub fn federation_rotate(from: &Path, spec: &Path, sign: &[PathBuf], out: &Path, time: Option<&str>) -> CliResult {
    let old = files::read_root(from)?;
    let stmt = root_from_spec(spec, Some(&old), time)?;
    let keys = read_keys(sign)?;
    let signed = produce::sign_root(&stmt, &keys.iter().collect::<Vec<_>>());
    write_root(out, &signed, Some(&old))
}

pub fn federation_sign(root: &Path, keys: &[PathBuf]) -> CliResult {
    let line = files::read(root)?;
    let keys = read_keys(keys)?;
    let signed = produce::add_root_signatures(line.trim_ascii_end(), &keys.iter().collect::<Vec<_>>())
        .map_err(|e| e.to_string())?;
    write_root(root, &signed, None)
}

pub fn federation_show(root: &Path, after: Option<&Path>) -> CliResult {
    let r = files::read_root(root)?;
    output::print_root(&r);
    if let Some(prev) = after {
        let prev = files::read_root(prev)?;
        match prev.accepts_successor(&r) {
            Ok(()) => println!("chains from version {} ({})", prev.version, prev.fingerprint),
            Err(e) => return Err(format!("{} ({})", e.message().en, e.code().as_str())),
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct AppendArgs {
    #[arg(long)]
    key: PathBuf,
    /// Log id, e.g. jyzx/main.
    #[arg(long)]
    log: String,
    /// The department's log file (NDJSON); created if absent.
    #[arg(long)]
    file: PathBuf,
    /// Record kind (see `qinglian catalogue` for checks; kinds are listed in docs/format.md).
    #[arg(long, required_unless_present = "batch")]
    kind: Option<String>,
    #[arg(long)]
    project: Option<String>,
    #[arg(long)]
    time: Option<String>,
    /// The body as a JSON file.
    #[arg(long, required_unless_present = "batch")]
    body: Option<PathBuf>,
    /// Statement ids this record refers to (repeat).
    #[arg(long = "ref")]
    refs: Vec<String>,
    /// Many drafts, one JSON object per line: {"kind","project","time","body","refs"}.
    #[arg(long, conflicts_with_all = ["kind", "body"])]
    batch: Option<PathBuf>,
}

fn draft_from(
    kind: &str,
    project: Option<String>,
    time: Option<&str>,
    body: Value,
    refs: &[String],
) -> CliResult<RecordDraft> {
    Ok(RecordDraft {
        kind: Kind::parse(kind).ok_or_else(|| format!("unknown record kind {}", qinglian_core::read::quoted(kind)))?,
        project,
        time: files::time_arg(time)?,
        body,
        refs: refs
            .iter()
            .map(|r| Digest::from_hex(r).ok_or_else(|| format!("--ref {r}: not a statement id")))
            .collect::<CliResult<_>>()?,
    })
}

pub fn append(a: &AppendArgs) -> CliResult {
    let key = keys::read_for_log(&a.key, &a.log)?;
    let existing = files::lines(&a.file)?;
    let mut head = produce::head_of(&a.log, existing.iter().map(Vec::as_slice))
        .map_err(|e| format!("{}: {e}", a.file.display()))?;
    let drafts: Vec<RecordDraft> = match &a.batch {
        Some(batch) => files::lines(batch)?
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let v: Value =
                    serde_json::from_slice(line).map_err(|e| format!("{} line {}: {e}", batch.display(), i + 1))?;
                let s = |k: &str| v.get(k).and_then(Value::as_str);
                let refs: Vec<String> = v
                    .get("refs")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default();
                draft_from(
                    s("kind").unwrap_or_default(),
                    s("project").map(str::to_owned),
                    s("time"),
                    v.get("body").cloned().unwrap_or(Value::Null),
                    &refs,
                )
                .map_err(|e| format!("{} line {}: {e}", batch.display(), i + 1))
            })
            .collect::<CliResult<_>>()?,
        None => {
            let body_path = a.body.as_ref().ok_or("--body is required")?;
            let body: Value = serde_json::from_slice(&files::read(body_path)?)
                .map_err(|e| format!("{}: {e}", body_path.display()))?;
            vec![draft_from(
                a.kind.as_deref().unwrap_or_default(),
                a.project.clone(),
                a.time.as_deref(),
                body,
                &a.refs,
            )?]
        }
    };
    // Validate and sign everything before writing anything: a bad draft leaves the log untouched.
    let mut lines = Vec::with_capacity(drafts.len());
    for (i, d) in drafts.iter().enumerate() {
        let signed =
            produce::sign_record(&key.key, &mut head, d).map_err(|e| format!("draft {}: {e} [{}]", i + 1, e.code()))?;
        lines.push(signed);
    }
    for s in &lines {
        files::append_line(&a.file, &s.line)?;
        println!("{} {}", head.log, s.id);
    }
    println!("{} now at sequence {}", head.log, head.seq);
    Ok(())
}

pub fn checkpoint(key: &Path, log: &str, file: &Path, time: Option<&str>) -> CliResult {
    let key = keys::read_for_log(key, log)?;
    let existing = files::lines(file)?;
    let head = produce::head_of(log, existing.iter().map(Vec::as_slice)).map_err(|e| e.to_string())?;
    let signed = produce::sign_checkpoint(&key.key, &head, files::time_arg(time)?).map_err(|e| e.to_string())?;
    files::append_line(file, &signed.line)?;
    println!("checkpoint {} at {} head {}", log, head.seq, head.head.map(|h| h.to_hex()).unwrap_or_default());
    Ok(())
}

pub fn cosign(key: &Path, log_file: &Path, log: &str, out: &Path, time: Option<&str>) -> CliResult {
    let key = keys::read(key)?;
    let existing = files::lines(log_file)?;
    let head = produce::head_of(log, existing.iter().map(Vec::as_slice)).map_err(|e| e.to_string())?;
    let signed = produce::sign_cosignature(&key.key, &key.department, &head, files::time_arg(time)?)
        .map_err(|e| e.to_string())?;
    files::append_line(out, &signed.line)?;
    println!("cosigned {} at {} as {}", log, head.seq, key.department);
    Ok(())
}

#[derive(Args)]
pub struct ExportArgs {
    /// Trust root files to carry (the current one and any newer versions), in order.
    #[arg(long = "root")]
    roots: Vec<PathBuf>,
    /// Log files to include.
    logs: Vec<PathBuf>,
    #[arg(long)]
    out: PathBuf,
    /// Only this project's records (registry records without a project are kept).
    #[arg(long)]
    project: Option<String>,
    /// gzip the output (also implied by an .gz file name).
    #[arg(long)]
    gzip: bool,
    #[arg(long)]
    description: Option<String>,
    /// A segment: leave out the records and checkpoints of LOG up to SEQ (LOG:SEQ, repeat), e.g.
    /// `--after jw/main:41` for "my new lines since the export that ended at 41".
    #[arg(long = "after")]
    after: Vec<String>,
}

/// `LOG:SEQ` of `export --after`.
fn after_arg(s: &str) -> CliResult<(String, u64)> {
    let (log, seq) = s.rsplit_once(':').ok_or_else(|| format!("--after {s:?}: expected LOG:SEQ, e.g. jw/main:41"))?;
    let seq = seq.parse().map_err(|_| format!("--after {s:?}: {seq:?} is not a sequence number"))?;
    Ok((log.to_owned(), seq))
}

pub fn export(a: &ExportArgs) -> CliResult {
    let roots: Vec<TrustRoot> = a.roots.iter().map(|p| files::read_root(p)).collect::<CliResult<_>>()?;
    let federation = roots.first().map(|r| r.federation.clone()).ok_or("give at least one --root")?;
    let mut sources = Vec::new();
    for p in &a.logs {
        sources.extend(files::lines(p)?);
    }
    let after: Vec<(String, u64)> = a.after.iter().map(|s| after_arg(s)).collect::<CliResult<_>>()?;
    if !after.is_empty() {
        sources.retain(|line| match produce::log_position(line) {
            Some((log, seq)) => !after.iter().any(|(l, s)| *l == log && seq <= *s),
            None => true,
        });
    }
    let bundle = produce::export_bundle(
        &federation,
        files::now(),
        a.description.as_deref(),
        roots.iter().map(|r| r.line.as_slice()),
        sources.iter().map(Vec::as_slice),
        a.project.as_deref(),
    );
    let gzip = a.gzip || a.out.extension().is_some_and(|e| e == "gz");
    let bytes = if gzip { gzip_bytes(&bundle.bytes)? } else { bundle.bytes };
    files::write(&a.out, &bytes)?;
    println!(
        "{}: {} statements ({} skipped), {} bytes",
        a.out.display(),
        bundle.statements,
        bundle.skipped,
        bytes.len()
    );
    Ok(())
}

fn gzip_bytes(b: &[u8]) -> CliResult<Vec<u8>> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).and_then(|_| e.finish()).map_err(|e| e.to_string())
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The bundle (.qlb or .qlb.gz); `-` reads standard input.
    bundle: PathBuf,
    /// Segments other departments sent (small bundles of their new lines): verified together with
    /// the bundle as one, the report listing every input (`bundle.inputs`).
    segments: Vec<PathBuf>,
    /// The pinned trust root file.
    #[arg(long, conflicts_with = "fingerprint", required_unless_present = "fingerprint")]
    root: Option<PathBuf>,
    /// Pin only a fingerprint: the root itself must be in the bundle.
    #[arg(long)]
    fingerprint: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Exit 1 when a finding of at least this severity exists (high, medium, low).
    #[arg(long, value_parser = ["high", "medium", "low"])]
    fail_on: Option<String>,
    /// Check configuration (JSON): thresholds and switches.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Heads verified before (JSON array of {"log","seq","head"}); rewrites are flagged.
    #[arg(long)]
    known_heads: Option<PathBuf>,
    /// Skip the consistency checks (integrity only).
    #[arg(long)]
    no_checks: bool,
    /// Language of the terminal summary.
    #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
    lang: String,
    /// Signature-verification threads (default: all cores; 0 = verify on the main thread).
    #[arg(long)]
    threads: Option<usize>,
    /// A department key file (repeat): open the sealed records sealed to its department, so the
    /// checks and the board read them; the others stay sealed and the board says why.
    #[arg(long = "key")]
    keys: Vec<PathBuf>,
    /// Print this process's peak memory to standard error at the end (for benchmarks).
    #[arg(long, hide = true)]
    print_peak_memory: bool,
}

pub fn verify(a: &VerifyArgs) -> ExitCode {
    match run_verify(a) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("qinglian: {e}");
            if a.json {
                // Scripts reading --json get the refusal as JSON too, with its stable code.
                let (code, zh, en) = match &e {
                    Refusal::Root { code, zh, en } => (*code, zh.clone(), en.clone()),
                    Refusal::Other(text) => ("INPUT_REFUSED", text.clone(), text.clone()),
                };
                let doc = serde_json::json!({"format": "qinglian-error", "v": 1,
                    "error": {"code": code, "message": {"zh": zh, "en": en}}});
                println!("{doc}");
            }
            ExitCode::from(outcome::EXIT_REFUSED)
        }
    }
}

/// Why `verify` produced no report.
enum Refusal {
    /// The pinned root was refused, with its code.
    Root {
        code: &'static str,
        zh: String,
        en: String,
    },
    Other(String),
}

impl From<String> for Refusal {
    fn from(e: String) -> Self {
        Refusal::Other(e)
    }
}

impl From<&str> for Refusal {
    fn from(e: &str) -> Self {
        Refusal::Other(e.to_owned())
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Root { code, en, .. } => write!(f, "{en} ({code})"),
            Refusal::Other(e) => f.write_str(e),
        }
    }
}

fn pinned_root(path: &Path) -> Result<TrustRoot, Refusal> {
    let bytes = files::read(path)?;
    TrustRoot::from_line(bytes.trim_ascii_end()).map_err(|e| {
        let m = e.message();
        let at = path.display();
        Refusal::Root { code: e.code().as_str(), zh: format!("{at}: {}", m.zh), en: format!("{at}: {}", m.en) }
    })
}

fn run_verify(a: &VerifyArgs) -> Result<ExitCode, Refusal> {
    let anchor = match (&a.root, &a.fingerprint) {
        (Some(p), _) => TrustAnchor::Root(Box::new(pinned_root(p)?)),
        (None, Some(fp)) => {
            TrustAnchor::Fingerprint(Digest::from_hex(fp).ok_or("--fingerprint: 64 lowercase hex digits")?)
        }
        (None, None) => return Err("give --root or --fingerprint".into()),
    };
    let mut options =
        VerifyOptions { fail_on: a.fail_on.as_deref().and_then(outcome::parse_fail_on), ..VerifyOptions::default() };
    if !a.no_checks {
        options.checks = Some(match &a.config {
            Some(p) => files::read_check_config(p)?,
            None => Default::default(),
        });
    }
    if let Some(p) = &a.known_heads {
        options.known_heads = files::read_json::<Vec<KnownHead>>(p)?;
    }
    let mut inputs = Vec::new();
    let mut len = 0;
    for path in std::iter::once(&a.bundle).chain(&a.segments) {
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            let f = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            len += f.metadata().map(|m| m.len()).unwrap_or(0);
            Box::new(f)
        };
        inputs.push(Input { name: path.display().to_string(), reader });
    }
    let named = inputs.len() > 1;
    let bar = output::progress_bar(len);
    let threads = a.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let keys = a.keys.iter().map(|p| crate::keys::read(p)).collect::<CliResult<Vec<_>>>()?;
    let report = verify_stream(inputs, named, anchor, options, threads, &keys, &mut |p| {
        bar.set_position(p.bytes_in);
        bar.set_message(format!("{} statements", p.statements));
    })?;
    bar.finish_and_clear();
    let value = serde_json::to_value(&report).map_err(|e| e.to_string())?;
    if a.json {
        // From the report itself, not `value`: its members keep the report's order.
        println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
    } else {
        let lang = text::Lang::parse(&a.lang).unwrap_or(text::Lang::Zh);
        print!("{}", text::render(&value, lang));
    }
    if a.print_peak_memory {
        eprintln!("peak-rss-bytes {}", output::peak_rss().unwrap_or(0));
    }
    Ok(ExitCode::from(report.summary.exit_status))
}

/// One input of a verification: a bundle or a segment.
pub struct Input {
    pub name: String,
    pub reader: Box<dyn Read>,
}

/// Verify streams as one, with signature work on `threads` worker threads (0: on this thread),
/// opening what `keys` can of the sealed records. With `named`, the report lists the inputs
/// (`bundle.inputs`).
pub fn verify_stream(
    inputs: Vec<Input>,
    named: bool,
    anchor: TrustAnchor,
    options: VerifyOptions,
    threads: usize,
    keys: &[KeyFile],
    progress: &mut dyn FnMut(qinglian_core::verify::Progress),
) -> CliResult<qinglian_core::Report> {
    let mut verifier = Verifier::new(anchor, options);
    let mut pool = None;
    if threads > 0 {
        verifier = verifier.external_signatures();
        pool = Some(crate::parallel::Pool::new(threads));
    }
    let mut buf = vec![0u8; 1 << 16];
    for mut input in inputs {
        if named {
            verifier.begin_input(&input.name);
        }
        loop {
            let n = input.reader.read(&mut buf).map_err(|e| format!("{}: read error: {e}", input.name))?;
            if n == 0 {
                break;
            }
            verifier.push(&buf[..n]);
            if let Some(pool) = pool.as_mut() {
                pool.pump(&mut verifier, false);
            }
            progress(verifier.progress());
        }
    }
    verifier.end_input();
    if let Some(mut pool) = pool {
        pool.pump(&mut verifier, true);
        pool.close();
    }
    crate::sealing::open_with(&mut verifier, keys);
    Ok(verifier.finish())
}

pub fn demo(out: &Path, seed: u64, records: u64, keys: bool, tables: Option<&Path>) -> CliResult {
    let demo = qinglian_core::demo::generate(&qinglian_core::demo::DemoOptions { seed, min_records: records });
    files::write(&out.join("root.json"), &[demo.root.as_slice(), b"\n"].concat())?;
    files::write(&out.join("bundle.qlb"), &demo.bundle)?;
    files::write(&out.join("answer-key.json"), format!("{:#}\n", demo.answer_key).as_bytes())?;
    if keys {
        for (dept, key) in &demo.keys {
            // The demo's keys derive from its public seed: they protect nothing, so no passphrase.
            let file = KeyFile::new(dept, SecretKey::from_seed(&key.seed())).map_err(|e| e.to_string())?;
            keys::write_plaintext_quietly(&out.join("keys").join(format!("{dept}.key")), &file)?;
        }
    }
    if let Some(dir) = tables {
        crate::import::demo_tables(dir, &demo.bundle)?;
    }
    println!(
        "{}: root.json (fingerprint {}), bundle.qlb ({} statements, {} bytes), answer-key.json",
        out.display(),
        demo.fingerprint,
        demo.statements,
        demo.bundle.len()
    );
    Ok(())
}

pub fn catalogue(json: bool) -> CliResult {
    let catalogue = serde_json::to_value(qinglian_core::checks::catalogue()).map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&catalogue).map_err(|e| e.to_string())?);
    } else {
        output::print_catalogue(&catalogue);
    }
    Ok(())
}

pub fn codes() -> CliResult {
    for c in qinglian_core::report::Code::ALL {
        let (zh, en) = c.meaning();
        println!("{:<28} {:<8} {en} / {zh}", c.as_str(), format!("{:?}", c.severity()).to_lowercase());
    }
    Ok(())
}

pub fn bench(records: u64, seed: u64) -> CliResult {
    crate::output::bench(records, seed)
}
