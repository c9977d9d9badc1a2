//! `qinglian`: sign records into department logs, manage the federation trust root, export and
//! verify bundles. A thin shell over `qinglian-core`: every rule lives there.

mod commands;
mod files;
mod import;
mod keys;
mod output;
mod parallel;
mod problem;
mod sealing;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "qinglian", version, about = "清廉 Qinglian: verifiable public construction project records")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a department signing key, encrypted with a passphrase (age) unless --plaintext.
    Keygen {
        /// Department id the key is for (e.g. fgw).
        #[arg(long)]
        department: String,
        #[arg(long)]
        out: PathBuf,
        /// Write the secret unencrypted (throw-away keys only; prints a warning).
        #[arg(long)]
        plaintext: bool,
        /// scrypt work factor log2 N of the encryption (10..=20; 20 is the most a browser opens).
        #[arg(long, default_value_t = qinglian_core::keyfile::DEFAULT_WORK_FACTOR, value_parser = keys::work_factor)]
        work_factor: u8,
    },
    /// Encrypt, decrypt or show an existing key file.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Create, rotate, co-sign and inspect the federation trust root.
    #[command(subcommand)]
    Federation(FederationCommand),
    /// Sign new records into a department log file.
    Append(commands::AppendArgs),
    /// Sign a checkpoint of a log's current head into the log file.
    Checkpoint {
        #[arg(long)]
        key: PathBuf,
        /// Log id, e.g. fgw/main.
        #[arg(long)]
        log: String,
        /// The department's log file (NDJSON).
        #[arg(long)]
        file: PathBuf,
        /// Time of the checkpoint (RFC 3339); default now in +08:00.
        #[arg(long)]
        time: Option<String>,
    },
    /// Witness another department's latest checkpoint: append a cosignature to your own file.
    Cosign {
        #[arg(long)]
        key: PathBuf,
        /// The other department's log file containing its checkpoint.
        #[arg(long)]
        log_file: PathBuf,
        #[arg(long)]
        log: String,
        /// Where the witness keeps its cosignatures.
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        time: Option<String>,
    },
    /// Write empty import templates (xlsx with rules and dropdowns, or CSV), or the column dictionary.
    Template(import::TemplateArgs),
    /// Sign the rows of department tables (xlsx, xls, ods, CSV) into a log: all or nothing.
    Import(import::ImportArgs),
    /// Write a bundle (header, roots, then statements) from log files.
    Export(commands::ExportArgs),
    /// Verify a bundle (and any segments, as one) against a pinned trust root and run the checks.
    Verify(commands::VerifyArgs),
    /// Joint supervision: raise a problem, rectify it, confirm or reopen it (one signed record each).
    #[command(subcommand)]
    Problem(Box<problem::ProblemCommand>),
    /// The weekly dispatch list (周调度) or monthly bulletin (月通报) from a verification report.
    Bulletin(problem::BulletinArgs),
    /// Write the demo federation: trust root, keys, bundle and answer key.
    Demo {
        #[arg(long, default_value = "demo")]
        out: PathBuf,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Scale the bundle to at least this many records (for benchmarks); 0 = the realistic city.
        #[arg(long, default_value_t = 0)]
        records: u64,
        /// Also write the department keys (needed to sign more records into the demo logs).
        #[arg(long)]
        keys: bool,
        /// Also write each department's records as the spreadsheet it would keep, into this folder.
        #[arg(long)]
        tables: Option<PathBuf>,
    },
    /// List every consistency check with its id, titles, severity, rule, source and thresholds.
    Catalogue {
        #[arg(long)]
        json: bool,
    },
    /// Print every stable problem code with its meaning.
    Codes,
    /// Measure native verification speed and peak memory on a generated bundle.
    Bench {
        #[arg(long, default_value_t = 100_000)]
        records: u64,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum KeyCommand {
    /// Encrypt a plaintext key file with a passphrase (in place unless --out).
    Encrypt {
        file: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = qinglian_core::keyfile::DEFAULT_WORK_FACTOR, value_parser = keys::work_factor)]
        work_factor: u8,
    },
    /// Write the key file unencrypted (in place unless --out; prints a warning).
    Decrypt {
        file: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the department, key id and public key, and whether the file is encrypted.
    Show { file: PathBuf },
}

#[derive(Subcommand)]
enum FederationCommand {
    /// Create version 1 of a trust root from a spec and sign it.
    Init {
        /// JSON spec: {"federation","threshold","departments":[{"id","name":{"zh","en"},"kinds":[..],"keys":[{"pub":..}]}]}
        #[arg(long)]
        spec: PathBuf,
        /// Key files to sign with (repeat).
        #[arg(long = "sign")]
        sign: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        time: Option<String>,
    },
    /// Create version N+1 from the current root and a new spec; sign with old and new keys.
    Rotate {
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        spec: PathBuf,
        #[arg(long = "sign")]
        sign: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        time: Option<String>,
    },
    /// Add your signature to a root file (threshold signing passes the file around).
    Sign {
        root: PathBuf,
        #[arg(long = "key")]
        keys: Vec<PathBuf>,
    },
    /// Show a root: fingerprint, version, departments and keys; checks its own threshold.
    Show {
        root: PathBuf,
        /// Also check that this root validly succeeds the given older one.
        #[arg(long)]
        after: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Keygen { department, out, plaintext, work_factor } => {
            keys::keygen(&department, &out, at_rest(plaintext, work_factor))
        }
        Command::Key(KeyCommand::Encrypt { file, out, work_factor }) => {
            keys::convert(&file, out.as_deref(), at_rest(false, work_factor))
        }
        Command::Key(KeyCommand::Decrypt { file, out }) => {
            keys::convert(&file, out.as_deref(), keys::AtRest::Plaintext)
        }
        Command::Key(KeyCommand::Show { file }) => keys::show(&file),
        Command::Federation(FederationCommand::Init { spec, sign, out, time }) => {
            commands::federation_init(&spec, &sign, &out, time.as_deref())
        }
        Command::Federation(FederationCommand::Rotate { from, spec, sign, out, time }) => {
            commands::federation_rotate(&from, &spec, &sign, &out, time.as_deref())
        }
        Command::Federation(FederationCommand::Sign { root, keys }) => commands::federation_sign(&root, &keys),
        Command::Federation(FederationCommand::Show { root, after }) => {
            commands::federation_show(&root, after.as_deref())
        }
        Command::Append(args) => commands::append(&args),
        Command::Checkpoint { key, log, file, time } => commands::checkpoint(&key, &log, &file, time.as_deref()),
        Command::Cosign { key, log_file, log, out, time } => {
            commands::cosign(&key, &log_file, &log, &out, time.as_deref())
        }
        Command::Export(args) => commands::export(&args),
        Command::Verify(args) => return commands::verify(&args),
        Command::Problem(command) => problem::run(&command),
        Command::Bulletin(args) => problem::bulletin(&args),
        Command::Demo { out, seed, records, keys, tables } => {
            commands::demo(&out, seed, records, keys, tables.as_deref())
        }
        Command::Template(args) => import::template(&args),
        Command::Import(args) => return exit_code(import::import(&args)),
        Command::Catalogue { json } => commands::catalogue(json),
        Command::Codes => commands::codes(),
        Command::Bench { records, seed } => commands::bench(records, seed),
    };
    exit_code(result.map(|()| ExitCode::SUCCESS))
}

fn at_rest(plaintext: bool, work_factor: u8) -> keys::AtRest {
    if plaintext {
        keys::AtRest::Plaintext
    } else {
        keys::AtRest::Encrypted { work_factor }
    }
}

/// 0 or the command's own status; 2 with the message on standard error for an error.
fn exit_code(result: files::CliResult<ExitCode>) -> ExitCode {
    result.unwrap_or_else(|e| {
        eprintln!("qinglian: {e}");
        ExitCode::from(2)
    })
}
