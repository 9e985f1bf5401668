use super::QualifiedName;

/// A function or procedure: `CREATE OR REPLACE FUNCTION name(args) RETURNS .. LANGUAGE ..
/// AS $$body$$`, or `CREATE OR REPLACE PROCEDURE`.
///
/// Declared with [`Function::new`] (or [`Function::procedure`]) and the methods after it, and
/// registered with [`crate::SchemaBuilder::function`]; the generated trigger functions of the
/// `timestamps` and `versioned` keys are functions too. PostgreSQL tells functions of one name
/// apart by their input argument types ([`Function::identity_args`]), so overloads are distinct
/// functions here as well.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Function {
    pub name: QualifiedName,
    pub body: FunctionBody,
    pub comment: Option<String>,
    /// The arguments, in order (`OUT` ones included).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Argument>,
    /// What it returns; `None` for a procedure.
    #[serde(
        default = "Returns::trigger_default",
        skip_serializing_if = "is_trigger"
    )]
    pub returns: Option<Returns>,
    /// `LANGUAGE`: `plpgsql`, `sql`, or another installed one.
    #[serde(default = "plpgsql", skip_serializing_if = "is_plpgsql")]
    pub language: String,
    #[serde(default, skip_serializing_if = "Volatility::is_volatile")]
    pub volatility: Volatility,
    /// `STRICT`: called with a NULL argument, it returns NULL without running.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strict: bool,
    /// `SECURITY DEFINER`: runs with its owner's privileges.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub security_definer: bool,
    #[serde(default, skip_serializing_if = "Parallel::is_unsafe")]
    pub parallel: Parallel,
    /// `SET name = value` while it runs (`search_path`, say), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<Setting>,
    /// For a `LANGUAGE sql` body: the tables and views it names, qualified, sorted, each once
    /// (found by PostgreSQL's parser when the schema is built). PostgreSQL checks such a body
    /// when the function is created, so the function comes after them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reads: Vec<QualifiedName>,
}

/// The body: generated for the trigger functions of the `timestamps` and `versioned` keys,
/// or written in the models (read back from a database: `pg_proc.prosrc`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FunctionBody {
    /// `NEW.<column> = CURRENT_TIMESTAMP` (the `timestamps` updated column).
    TouchTimestamp { column: String },
    /// `NEW.<column> = OLD.<column> + 1` (the `versioned` column).
    IncrementVersion { column: String },
    /// The text between the dollar quotes, as written or as PostgreSQL keeps it.
    Source(String),
}

/// One argument: `[mode] [name] type [DEFAULT expr]`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Argument {
    #[serde(default, skip_serializing_if = "ArgMode::is_in")]
    pub mode: ArgMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub sql_type: String,
    /// The default expression, for an input argument a caller may leave out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ArgMode {
    #[default]
    In,
    Out,
    InOut,
    /// `VARIADIC`: the last input argument, an array the caller passes element by element.
    Variadic,
}

impl ArgMode {
    fn is_in(&self) -> bool {
        *self == Self::In
    }

    /// Whether a caller passes it (it is part of the function's identity).
    pub fn is_input(self) -> bool {
        self != Self::Out
    }

    /// The keyword before the argument (`IN` is left unsaid).
    pub fn keyword(self) -> Option<&'static str> {
        match self {
            Self::In => None,
            Self::Out => Some("OUT"),
            Self::InOut => Some("INOUT"),
            Self::Variadic => Some("VARIADIC"),
        }
    }
}

/// `RETURNS ..`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Returns {
    /// One value of a type (`integer`, `trigger`, `void`, `shop.product`, `record` with `OUT`
    /// arguments).
    Type(String),
    /// `SETOF type`: rows.
    SetOf(String),
    /// `TABLE (name type, ..)`: rows of these columns.
    Table(Vec<(String, String)>),
}

impl Returns {
    fn trigger_default() -> Option<Self> {
        Some(Self::Type("trigger".to_owned()))
    }

    /// Whether it says `RETURNS trigger`.
    pub fn is_trigger(&self) -> bool {
        matches!(self, Self::Type(t) if t.eq_ignore_ascii_case("trigger"))
    }
}

fn is_trigger(r: &Option<Returns>) -> bool {
    r.as_ref().is_some_and(Returns::is_trigger)
}

fn plpgsql() -> String {
    "plpgsql".to_owned()
}

fn is_plpgsql(l: &str) -> bool {
    l == "plpgsql"
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Volatility {
    /// The same result for the same arguments, forever (may be used in indexes).
    Immutable,
    /// The same result within one statement (may read tables).
    Stable,
    #[default]
    Volatile,
}

impl Volatility {
    fn is_volatile(&self) -> bool {
        *self == Self::Volatile
    }

    pub fn keyword(self) -> &'static str {
        match self {
            Self::Immutable => "IMMUTABLE",
            Self::Stable => "STABLE",
            Self::Volatile => "VOLATILE",
        }
    }
}

/// `PARALLEL ..`: whether it may run in a parallel query's workers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Parallel {
    Safe,
    Restricted,
    #[default]
    Unsafe,
}

impl Parallel {
    fn is_unsafe(&self) -> bool {
        *self == Self::Unsafe
    }

    pub fn keyword(self) -> &'static str {
        match self {
            Self::Safe => "SAFE",
            Self::Restricted => "RESTRICTED",
            Self::Unsafe => "UNSAFE",
        }
    }
}

/// `SET name = value`: a setting the function runs under (`value` as PostgreSQL keeps it in
/// `pg_proc.proconfig`: `shop, pg_temp`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Setting {
    pub name: String,
    pub value: String,
}

impl Function {
    /// A function returning `returns` (a type: `integer`, `void`, `trigger`, `shop.product`;
    /// see [`Self::returns_set_of`] and [`Self::returns_table`] for rows), whose body is
    /// `body`: the text between the dollar quotes, often `include_str!("search.sql")`. The
    /// language is PL/pgSQL unless [`Self::language`] says otherwise.
    pub fn new(name: QualifiedName, returns: &str, body: impl Into<String>) -> Self {
        Self {
            name,
            body: FunctionBody::Source(body.into()),
            comment: None,
            args: Vec::new(),
            returns: Some(Returns::Type(returns.trim().to_owned())),
            language: plpgsql(),
            volatility: Volatility::Volatile,
            strict: false,
            security_definer: false,
            parallel: Parallel::Unsafe,
            settings: Vec::new(),
            reads: Vec::new(),
        }
    }

    /// A procedure (`CREATE PROCEDURE`, run with `CALL`), whose body is `body`.
    pub fn procedure(name: QualifiedName, body: impl Into<String>) -> Self {
        Self {
            returns: None,
            ..Self::new(name, "void", body)
        }
    }

    /// A trigger function of the generated kind ([`FunctionBody::TouchTimestamp`] or
    /// [`FunctionBody::IncrementVersion`]).
    pub fn generated_trigger(name: QualifiedName, body: FunctionBody) -> Self {
        Self {
            body,
            ..Self::new(name, "trigger", "")
        }
    }

    /// An input argument `name type`.
    pub fn arg(self, name: &str, sql_type: &str) -> Self {
        self.argument(ArgMode::In, name, sql_type, None)
    }

    /// An input argument `name type DEFAULT default` a caller may leave out.
    pub fn arg_default(self, name: &str, sql_type: &str, default: &str) -> Self {
        self.argument(ArgMode::In, name, sql_type, Some(default))
    }

    /// An argument of any mode (`OUT`, `INOUT`, `VARIADIC`); `name` may be empty.
    pub fn argument(
        mut self,
        mode: ArgMode,
        name: &str,
        sql_type: &str,
        default: Option<&str>,
    ) -> Self {
        self.args.push(Argument {
            mode,
            name: (!name.is_empty()).then(|| name.to_owned()),
            sql_type: sql_type.trim().to_owned(),
            default: default.map(|d| d.trim().to_owned()),
        });
        self
    }

    /// `RETURNS SETOF type`.
    pub fn returns_set_of(mut self, sql_type: &str) -> Self {
        self.returns = Some(Returns::SetOf(sql_type.trim().to_owned()));
        self
    }

    /// `RETURNS TABLE (name type, ..)`.
    pub fn returns_table(mut self, columns: &[(&str, &str)]) -> Self {
        let columns = columns
            .iter()
            .map(|(n, t)| ((*n).to_owned(), t.trim().to_owned()))
            .collect();
        self.returns = Some(Returns::Table(columns));
        self
    }

    /// `LANGUAGE language` (`sql`, `plpgsql`).
    pub fn language(mut self, language: &str) -> Self {
        self.language = language.to_owned();
        self
    }

    pub fn immutable(mut self) -> Self {
        self.volatility = Volatility::Immutable;
        self
    }

    pub fn stable(mut self) -> Self {
        self.volatility = Volatility::Stable;
        self
    }

    /// `STRICT` (`RETURNS NULL ON NULL INPUT`).
    pub fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// `SECURITY DEFINER`; pair it with `.set("search_path", "..")`.
    pub fn security_definer(mut self) -> Self {
        self.security_definer = true;
        self
    }

    pub fn parallel(mut self, parallel: Parallel) -> Self {
        self.parallel = parallel;
        self
    }

    /// `SET name = value` while it runs: `.set("search_path", "shop, pg_temp")`.
    pub fn set(mut self, name: &str, value: &str) -> Self {
        self.settings.push(Setting {
            name: name.to_owned(),
            value: value.trim().to_owned(),
        });
        self
    }

    pub fn comment(mut self, comment: &str) -> Self {
        self.comment = Some(comment.to_owned());
        self
    }

    /// Whether it is a procedure.
    pub fn is_procedure(&self) -> bool {
        self.returns.is_none()
    }

    /// `function` or `procedure`.
    pub fn kind(&self) -> &'static str {
        if self.is_procedure() {
            "procedure"
        } else {
            "function"
        }
    }

    /// The types of the arguments a caller passes, as PostgreSQL identifies the function by:
    /// `text, integer` (empty for none).
    pub fn identity_args(&self) -> String {
        let inputs = self.args.iter().filter(|a| a.mode.is_input());
        inputs
            .map(|a| a.sql_type.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the body names `column` as a word, or holds `*`: a `LANGUAGE sql` body is checked
    /// against the columns it reads when the function is created.
    pub fn may_read_column(&self, column: &str) -> bool {
        match &self.body {
            FunctionBody::Source(body) => {
                body.contains('*') || crate::sql_text::names_word(body, column)
            }
            _ => false,
        }
    }

    /// Whether it can be called from an expression (a default, a check, a view's query): a
    /// function that returns something other than `trigger`.
    pub fn is_callable(&self) -> bool {
        self.returns.as_ref().is_some_and(|r| !r.is_trigger())
    }

    /// The schemas named by `SET search_path`, where it is set: an unqualified name in the body
    /// is looked up there.
    pub fn search_path(&self) -> Option<Vec<String>> {
        let path = self
            .settings
            .iter()
            .rev()
            .find(|s| s.name == "search_path")?;
        Some(
            path.value
                .split(',')
                .map(|s| s.trim().trim_matches('"').to_owned())
                .filter(|s| !s.is_empty() && !s.starts_with("$"))
                .collect(),
        )
    }
}

/// A dollar-quote tag for `body`: `$<name>$`, or the first `$<name>N$` that does not occur in it
/// (a body, an enum label or a name may hold `$ddl$`, which would end the quote early). A tag
/// cannot start with a digit (`$1` is a parameter), so `$$` gives way to `$body$`, `$body1$`, ..
pub fn dollar_tag(name: &str, body: &str) -> String {
    let plain = format!("${name}$");
    if !body.contains(&plain) {
        return plain;
    }
    let name = if name.is_empty() { "body" } else { name };
    std::iter::once(format!("${name}$"))
        .chain((1..).map(|n| format!("${name}{n}$")))
        .find(|t| !body.contains(t.as_str()))
        .expect("a free tag")
}
