//! Files the CLI reads and writes: root files, log files (key files: `keys`).

use qinglian_core::federation::TrustRoot;
use qinglian_core::read::FromJson;
use qinglian_core::time::Timestamp;
use serde_json::Value;
use std::path::Path;

pub type CliResult<T = ()> = Result<T, String>;

pub fn read(path: &Path) -> CliResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A JSON file read as `T` by the core's reader: the same checks and messages as the npm package
/// (unknown members refused, the path of the first problem).
pub fn read_json<T: FromJson>(path: &Path) -> CliResult<T> {
    let value: Value = serde_json::from_slice(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    T::from_json(&value).map_err(|e| {
        let e = e.into_body_error();
        format!("{}: at {}: expected {}", path.display(), e.path, e.expected_en)
    })
}

/// A check configuration (`--config`): read, then checked against the catalogue by the core's own
/// `CheckConfig::validate`, as npm's `validateCheckConfig` does, so a misspelled check id or
/// parameter is refused with the same code instead of silently running the default.
pub fn read_check_config(path: &Path) -> CliResult<qinglian_core::checks::CheckConfig> {
    use qinglian_core::checks::ConfigError;
    let config: qinglian_core::checks::CheckConfig =
        read_json(path).map_err(|e| format!("{}: {e}", ConfigError::CODE))?;
    config.validate().map_err(|e| format!("{}: {}: {e}", ConfigError::CODE, path.display()))?;
    Ok(config)
}

pub fn write(path: &Path, bytes: &[u8]) -> CliResult {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Replace `path` with `bytes` so that a reader or a crash sees the old file or the new one, never
/// half of one: write a temporary file beside it, flush it to disk, then rename it over.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> CliResult {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub fn append_line(path: &Path, line: &[u8]) -> CliResult {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    f.write_all(line).and_then(|_| f.write_all(b"\n")).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Lines of a text file, without their newline; an absent file is an empty log.
pub fn lines(path: &Path) -> CliResult<Vec<Vec<u8>>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    Ok(qinglian_core::bundle::lines(&read(path)?).filter(|l| !l.is_empty()).map(<[u8]>::to_vec).collect())
}

pub fn new_seed() -> CliResult<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| format!("no randomness from the operating system: {e}"))?;
    Ok(seed)
}

pub fn read_root(path: &Path) -> CliResult<TrustRoot> {
    let bytes = read(path)?;
    TrustRoot::from_line(bytes.trim_ascii_end())
        .map_err(|e| format!("{}: {} ({})", path.display(), e.message().en, e.code().as_str()))
}

/// Now, in China Standard Time, as the format writes it.
pub fn now() -> Timestamp {
    let unix =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Timestamp { unix, offset_minutes: 480 }
}

pub fn time_arg(t: Option<&str>) -> CliResult<Timestamp> {
    match t {
        None => Ok(now()),
        Some(s) => Timestamp::parse(s).map_err(|e| format!("--time {s:?}: {e}")),
    }
}
