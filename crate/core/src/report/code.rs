//! Stable problem codes. A code never changes meaning once released; new situations get new codes.
//! The list (with meanings) is also in docs/format.md and is served by `catalogue()`.

use serde::Serialize;

/// How bad a problem is for the integrity of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; does not affect integrity (a duplicate line, a reference outside the bundle).
    Info,
    /// Suspicious but not proof of tampering (time going backwards, a gap in a partial bundle).
    Warning,
    /// The statement or log cannot be trusted as presented.
    Error,
}

macro_rules! codes {
    ($( $variant:ident = $text:literal, $sev:ident, $zh:literal, $en:literal; )*) => {
        /// Every problem the verifier can report.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];
            pub fn as_str(self) -> &'static str { match self { $( Code::$variant => $text, )* } }
            pub fn severity(self) -> Severity { match self { $( Code::$variant => Severity::$sev, )* } }
            /// One-line meaning in Chinese and English, for catalogues and docs.
            pub fn meaning(self) -> (&'static str, &'static str) { match self { $( Code::$variant => ($zh, $en), )* } }
            pub fn parse(s: &str) -> Option<Code> { match s { $( $text => Some(Code::$variant), )* _ => None } }
        }
    };
}

codes! {
    // Reading the bundle
    GzipCorrupt = "GZIP_CORRUPT", Error, "gzip 数据损坏或被截断", "gzip data is corrupt or truncated";
    LineTooLong = "LINE_TOO_LONG", Error, "行长度超过上限", "line longer than the limit";
    InflatedTooLarge = "INFLATED_TOO_LARGE", Error, "gzip 数据包解压后超过上限,其余部分未读取", "the gzip bundle inflates past the limit; the rest was not read";
    TooManyStatements = "TOO_MANY_STATEMENTS", Error, "语句数量超过上限,其余行未处理", "more statements than the limit; the rest were not processed";
    EmptyBundle = "EMPTY_BUNDLE", Error, "数据包为空", "the bundle is empty";
    NoStatements = "NO_STATEMENTS", Error, "数据包只有包头,没有任何语句,未验证任何内容", "the bundle has a header and no statement: nothing was verified";
    // Canonical JSON
    InvalidUtf8 = "INVALID_UTF8", Error, "不是有效的 UTF-8 编码", "not valid UTF-8";
    ByteOrderMark = "BYTE_ORDER_MARK", Error, "行首含字节顺序标记 (BOM)", "line starts with a byte-order mark";
    JsonSyntax = "JSON_SYNTAX", Error, "JSON 语法错误", "JSON syntax error";
    DuplicateKey = "DUPLICATE_KEY", Error, "对象中存在重复的键", "duplicate key in an object";
    FloatNumber = "FLOAT_NUMBER", Error, "出现非整数数值(金额须以整数分表示)", "non-integer number (money must be integer fen)";
    IntegerOutOfRange = "INTEGER_OUT_OF_RANGE", Error, "整数超出 ±(2^53−1)", "integer outside ±(2^53−1)";
    DepthExceeded = "DEPTH_EXCEEDED", Error, "嵌套层数超过上限", "nesting deeper than the limit";
    NotCanonical = "NOT_CANONICAL", Error, "不是 RFC 8785 规范编码", "not the RFC 8785 canonical encoding";
    // Structure
    HeaderMissing = "HEADER_MISSING", Error, "首行不是数据包头", "the first line is not a bundle header";
    HeaderInvalid = "HEADER_INVALID", Error, "数据包头格式错误", "malformed bundle header";
    FederationMismatch = "FEDERATION_MISMATCH", Error, "数据包或语句属于另一个联盟", "bundle or statement belongs to another federation";
    EnvelopeInvalid = "ENVELOPE_INVALID", Error, "语句信封格式错误", "malformed statement envelope";
    UnsupportedVersion = "UNSUPPORTED_VERSION", Error, "不支持的格式版本", "unsupported format version";
    UnknownType = "UNKNOWN_TYPE", Error, "未知的语句类型", "unknown statement type";
    StatementInvalid = "STATEMENT_INVALID", Error, "语句字段错误", "malformed statement field";
    UnknownKind = "UNKNOWN_KIND", Error, "未知的记录类型", "unknown record kind";
    BodyInvalid = "BODY_INVALID", Error, "记录内容不符合该类型的格式", "record body does not match its kind's schema";
    DuplicateStatement = "DUPLICATE_STATEMENT", Info, "重复的语句(已忽略)", "duplicate statement (ignored)";
    // Keys and signatures
    KeyUnknown = "KEY_UNKNOWN", Error, "签名密钥不在信任根中", "signing key is not in the trust root";
    SignatureInvalid = "SIGNATURE_INVALID", Error, "签名验证失败", "signature does not verify";
    KeyWrongDepartment = "KEY_WRONG_DEPARTMENT", Error, "签名密钥不属于该日志所属部门", "signing key does not belong to the log's department";
    KindNotAuthorized = "KIND_NOT_AUTHORIZED", Error, "该部门无权签发此类记录", "the department may not sign this record kind";
    KeyRevoked = "KEY_REVOKED", Error, "签名密钥在该日志位置已被撤销", "signing key is revoked at this log position";
    KeyNotYetValid = "KEY_NOT_YET_VALID", Error, "签名密钥在该位置或时间尚未生效", "signing key is not yet valid at this position or time";
    UnknownDepartment = "UNKNOWN_DEPARTMENT", Error, "日志所属部门不在信任根中", "the log's department is not in the trust root";
    // Logs and chains
    Fork = "FORK", Error, "日志分叉:同一序号存在两条不同的记录", "fork: two different records at the same log position";
    ChainBroken = "CHAIN_BROKEN", Error, "前序哈希与上一条记录不符", "previous-record hash does not match the record before it";
    ChainGap = "CHAIN_GAP", Warning, "日志中缺少记录(序号不连续)", "records missing from the log (sequence gap)";
    TimeBackwards = "TIME_BACKWARDS", Warning, "记录时间早于同一日志中的前一条", "record time is earlier than the previous record in the log";
    // Checkpoints and witnesses
    CheckpointContradicted = "CHECKPOINT_CONTRADICTED", Error, "记录链与已签名的检查点矛盾(双重陈述)", "the record chain contradicts a signed checkpoint (equivocation)";
    CheckpointEquivocation = "CHECKPOINT_EQUIVOCATION", Error, "同一日志位置存在两个不同的已签名检查点", "two signed checkpoints disagree at the same log position";
    CheckpointBeyondRecords = "CHECKPOINT_BEYOND_RECORDS", Info, "检查点覆盖的记录不全在数据包中", "the checkpoint covers records not in the bundle";
    CosignatureSelf = "COSIGNATURE_SELF", Warning, "部门为自己的日志做见证签名(不计入见证)", "a department cosigned its own log (not counted as a witness)";
    HeadRewritten = "HEAD_REWRITTEN", Error, "此前已验证的日志头被改写(回滚或分叉)", "a previously verified log head was rewritten (rollback or fork)";
    // Trust roots
    RootInvalid = "ROOT_INVALID", Error, "信任根文档格式错误", "malformed trust root document";
    RootThresholdNotMet = "ROOT_THRESHOLD_NOT_MET", Error, "信任根签名未达到门限", "trust root is not signed by the threshold of keys";
    RootVersionRollback = "ROOT_VERSION_ROLLBACK", Error, "信任根版本回退", "trust root version is not newer than the pinned one";
    RootChainBroken = "ROOT_CHAIN_BROKEN", Error, "新信任根未链接到已固定的信任根", "newer trust root does not chain from the pinned one";
    RootWeakKey = "ROOT_WEAK_KEY", Error, "信任根含弱(小阶)公钥", "trust root lists a weak (small-order) public key";
    // Sealed records (docs/format.md §4.2)
    SealedCommitmentMismatch = "SEALED_COMMITMENT_MISMATCH", Error, "密封记录解密后的内容与已签名的承诺值不符", "an opened sealed record does not match its signed commitment";
    SealedBodyInvalid = "SEALED_BODY_INVALID", Error, "密封记录解密后的内容不是该类型的有效正文", "an opened sealed record is not a valid body of its kind";
    SealedUnreadable = "SEALED_UNREADABLE", Warning, "记录声明密封给持有密钥的部门,但该密钥无法解密", "sealed to a department whose key could not open it";
    // References
    ReferenceOutsideBundle = "REFERENCE_OUTSIDE_BUNDLE", Info, "引用的记录不在本数据包中", "referenced record is not in this bundle";
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
