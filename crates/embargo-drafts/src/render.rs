//! Rendering templates with minijinja in strict mode: a template that uses a
//! field the case lacks fails and says which field and which template; a syntax
//! error says where (line and column).

use embargo_domain::Template;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};
use serde::Serialize;

use crate::{DraftError, TemplateContext};

/// A template rendered on a case: what becomes a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    /// Subject line (one line, trimmed).
    pub subject: String,
    /// Body, ending with one newline.
    pub body: String,
}

/// The part of a template an error is in.
#[derive(Debug, Clone, Copy)]
enum Part {
    Subject,
    Body,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Subject => "subject",
            Part::Body => "body",
        }
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Plain text: nothing is HTML-escaped, whatever the template's name.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    // Block tags on their own lines leave no blank lines behind. The syntax config
    // is built from fixed, valid options, so building it cannot fail.
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env
}

/// Check that both parts of a template parse; the first error says where.
pub fn check_syntax(template: &Template) -> Result<(), DraftError> {
    let env = environment();
    for (part, source) in [
        (Part::Subject, &template.subject),
        (Part::Body, &template.body),
    ] {
        env.template_from_named_str(&template.id, source)
            .map_err(|e| classify(&template.id, part, source, &e))?;
    }
    Ok(())
}

/// Render a template on a case's context.
pub fn render(template: &Template, context: &TemplateContext) -> Result<Rendered, DraftError> {
    let value = Value::from(Serde(context));
    let subject = render_part(&template.id, Part::Subject, &template.subject, &value)?;
    let body = render_part(&template.id, Part::Body, &template.body, &value)?;
    Ok(Rendered {
        subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
        body: format!("{}\n", body.trim_end()),
    })
}

/// Render a source that is not a stored template (the advisory's Markdown).
pub(crate) fn render_source<T: Serialize>(
    name: &str,
    source: &str,
    context: &T,
) -> Result<String, DraftError> {
    render_part(name, Part::Body, source, &Value::from(Serde(context)))
}

fn render_part(id: &str, part: Part, source: &str, context: &Value) -> Result<String, DraftError> {
    let env = environment();
    env.template_from_named_str(id, source)
        .and_then(|template| template.render(context))
        .map_err(|e| classify(id, part, source, &e))
}

fn classify(id: &str, part: Part, source: &str, error: &minijinja::Error) -> DraftError {
    let line = error.line().unwrap_or(0);
    let message = error
        .detail()
        .map(str::to_owned)
        .unwrap_or_else(|| error.kind().to_string());
    match error.kind() {
        ErrorKind::SyntaxError | ErrorKind::BadEscape => DraftError::Syntax {
            template: id.to_owned(),
            part: part.name(),
            line,
            column: column(source, error),
            message,
        },
        ErrorKind::UndefinedError => match undefined_field(&message) {
            Some(field) => DraftError::MissingField {
                template: id.to_owned(),
                part: part.name(),
                field,
                line,
            },
            None => DraftError::Render {
                template: id.to_owned(),
                part: part.name(),
                line,
                message,
            },
        },
        _ => DraftError::Render {
            template: id.to_owned(),
            part: part.name(),
            line,
            message,
        },
    }
}

/// minijinja names the undefined expression in backticks: "`case.cve` is undefined".
fn undefined_field(detail: &str) -> Option<String> {
    let start = detail.find('`')? + 1;
    let len = detail[start..].find('`')?;
    Some(detail[start..start + len].to_owned())
}

/// The column (from 1) where the error's span starts.
fn column(source: &str, error: &minijinja::Error) -> usize {
    let Some(range) = error.range() else {
        return 1;
    };
    let start = range.start.min(source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    source[line_start..start].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_is_read_from_the_detail() {
        assert_eq!(
            undefined_field("`case.cve` is undefined"),
            Some("case.cve".into())
        );
        assert_eq!(undefined_field("undefined value"), None);
    }
}
