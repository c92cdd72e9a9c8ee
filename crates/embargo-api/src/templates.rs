//! Message templates: the built-in ones and the team's, kept as team events so
//! they sync (`embargo template list|show|edit|new|reset`).

use embargo_domain::{Audience, Change, Template, team_templates, valid_template_id};
use embargo_drafts::{Catalog, CatalogEntry, Origin, check_syntax};

use crate::{ApiError, Input, Refusal, Session};

/// A change to a template's text; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct TemplateEdit {
    /// New title.
    pub title: Option<String>,
    /// New subject template.
    pub subject: Option<String>,
    /// New body template.
    pub body: Option<String>,
}

/// A team template to add.
#[derive(Debug, Clone)]
pub struct NewTemplate {
    /// Its id (lowercase letters, digits, dashes).
    pub id: String,
    /// What it is for.
    pub title: String,
    /// `reporter`, `mailing-list` or `cna`.
    pub audience: String,
    /// The policy rule sending it meets, if any (`ack`, `response`, `update`, …).
    pub meets: Option<String>,
    /// Subject template.
    pub subject: String,
    /// Body template.
    pub body: String,
}

impl Session {
    /// Every template the team can draft from.
    pub fn templates(&self) -> Result<Vec<CatalogEntry>, ApiError> {
        Ok(self.catalog()?.entries().to_vec())
    }

    /// One template by id.
    pub fn template(&self, id: &str) -> Result<CatalogEntry, ApiError> {
        Ok(self.catalog()?.get(id)?.clone())
    }

    pub(crate) fn catalog(&self) -> Result<Catalog, ApiError> {
        let events = self.vault().team_events()?;
        Ok(Catalog::new(&team_templates(&events)))
    }

    /// Change a template's text (a built-in becomes the team's edited version).
    /// Refused, with line and column, if the new text does not parse.
    pub fn edit_template(
        &mut self,
        id: &str,
        edit: TemplateEdit,
    ) -> Result<CatalogEntry, ApiError> {
        let mut template = self.template(id)?.template;
        if edit.title.is_none() && edit.subject.is_none() && edit.body.is_none() {
            return Err(Refusal::NothingToChange {
                inputs: vec![Input::Subject, Input::Title, Input::Body],
            }
            .into());
        }
        if let Some(title) = edit.title {
            template.title = non_empty(Input::Title, title)?;
        }
        if let Some(subject) = edit.subject {
            template.subject = non_empty(Input::Subject, subject)?;
        }
        if let Some(body) = edit.body {
            template.body = non_empty(Input::Body, body)?;
        }
        check_syntax(&template)?;
        let id = template.id.clone();
        self.record_team(vec![Change::TemplateSaved { template }])?;
        self.template(&id)
    }

    /// Add a team template. Refused if the id is taken or the text does not parse.
    pub fn new_template(&mut self, new: NewTemplate) -> Result<CatalogEntry, ApiError> {
        let id = new.id.trim().to_owned();
        if !valid_template_id(&id) {
            return Err(ApiError::invalid(
                Input::TemplateId,
                format!(
                    "{id:?} cannot name a template: use lowercase letters, digits and dashes, e.g. embargo-extension"
                ),
            ));
        }
        if self.catalog()?.get(&id).is_ok() {
            return Err(ApiError::TemplateExists(id));
        }
        let audience = Audience::parse(&new.audience).ok_or_else(|| {
            ApiError::invalid(
                Input::Audience,
                format!(
                    "{:?} is not an audience: reporter, mailing-list or cna",
                    new.audience
                ),
            )
        })?;
        let meets = new
            .meets
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty());
        if let Some(rule) = &meets
            && !valid_template_id(rule)
        {
            return Err(ApiError::invalid(
                Input::Rule,
                format!("{rule:?} is not a policy rule id (e.g. ack, response, update)"),
            ));
        }
        let template = Template {
            title: non_empty(Input::Title, new.title)?,
            subject: non_empty(Input::Subject, new.subject)?,
            body: non_empty(Input::Body, new.body)?,
            id: id.clone(),
            audience,
            meets,
        };
        check_syntax(&template)?;
        self.record_team(vec![Change::TemplateSaved { template }])?;
        self.template(&id)
    }

    /// Drop the team's edits to a built-in template.
    pub fn reset_template(&mut self, id: &str) -> Result<CatalogEntry, ApiError> {
        let entry = self.template(id)?;
        let id = entry.template.id.clone();
        match entry.origin {
            Origin::Edited => {
                self.record_team(vec![Change::TemplateReset {
                    template_id: id.clone(),
                }])?;
                self.template(&id)
            }
            Origin::BuiltIn => Err(Refusal::TemplateIsBuiltIn { id: id.to_owned() }.into()),
            Origin::Team => Err(Refusal::TemplateIsTeams { id: id.to_owned() }.into()),
        }
    }
}

fn non_empty(input: Input, text: String) -> Result<String, ApiError> {
    if text.trim().is_empty() {
        let what = match input {
            Input::Title => "title",
            Input::Subject => "subject",
            _ => "body",
        };
        Err(ApiError::invalid(
            input,
            format!("the template's {what} must not be empty"),
        ))
    } else {
        Ok(text)
    }
}
