//! The low-level cause behind a message ("Chi tiết" / "Details"), folded away: the message says
//! what failed and what to do, in the user's language; the cause a library gave, often in
//! English, is there for whoever helps them.

use attain_core::report::{messages, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub lang: Lang,
    pub detail: AttrValue,
}

#[function_component(Details)]
pub fn details(props: &DetailsProps) -> Html {
    html! {
        <details class="error-detail" data-testid="error-detail">
            <summary>{ messages::details_label(props.lang) }</summary>
            <code>{ props.detail.clone() }</code>
        </details>
    }
}
