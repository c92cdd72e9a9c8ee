use super::html_to_text;

#[test]
fn strips_tags_and_keeps_text() {
    assert_eq!(
        html_to_text("<b>bold</b> and <i>italic</i>"),
        "bold and italic"
    );
    assert_eq!(html_to_text("a < b > c"), "a < b > c");
    assert_eq!(html_to_text("x<"), "x<");
}

#[test]
fn script_style_template_title_are_dropped() {
    let html = "<title>T</title><style>.x{}</style>A<script type=\"text/javascript\">evil()</script>\
                B<SCRIPT>evil()</SCRIPT >C<template><p>evil</p></template>D";
    assert_eq!(html_to_text(html), "ABCD");
}

#[test]
fn script_end_tag_inside_string_still_ends_script() {
    // Browsers end a script at the first `</script`, wherever it is.
    assert_eq!(html_to_text("<script>x='</script>'shown"), "'shown");
    // `</scriptx>` does not end it.
    assert_eq!(html_to_text("<script>a</scriptx>b</script>c"), "c");
}

#[test]
fn unterminated_script_or_comment_drops_the_rest() {
    assert_eq!(html_to_text("ok<script>evil() and more"), "ok");
    assert_eq!(html_to_text("ok<!-- hidden"), "ok");
    assert_eq!(html_to_text("ok<img src=x onerror=\"evil()"), "ok");
}

#[test]
fn comments_and_declarations_are_dropped() {
    assert_eq!(
        html_to_text("<!DOCTYPE html><?xml x?>a<!-- <script>b</script> -->c"),
        "ac"
    );
}

#[test]
fn attributes_never_leak() {
    let html = r#"<img src="http://remote.example/x.png" onerror='evil("SECRET")'><div title="a>b">t</div>"#;
    assert_eq!(html_to_text(html), "t");
}

#[test]
fn breaks_paragraphs_and_lists() {
    let html = "<p>one</p><p>two<br>three<br/>four</p><ul><li>a</li><li>b</li></ul>end";
    assert_eq!(
        html_to_text(html),
        "one\n\ntwo\nthree\nfour\n\n- a\n- b\n\nend"
    );
}

#[test]
fn whitespace_collapses_except_in_pre() {
    assert_eq!(html_to_text("  a \n\t b  "), "a b");
    assert_eq!(html_to_text("x<pre>  a\n  b</pre>y"), "x\n\n  a\n  b\n\ny");
    assert_eq!(html_to_text("a&nbsp;b"), "a b");
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        html_to_text("&lt;script&gt; &amp; caf&eacute; &#8220;q&#x201D; &bogus;"),
        "<script> & café “q” &bogus;"
    );
}

#[test]
fn links_show_safe_targets_only() {
    assert_eq!(
        html_to_text(r#"<a href="https://x.example/a?b=1&amp;c=2">write-up</a>"#),
        "write-up (https://x.example/a?b=1&c=2)"
    );
    assert_eq!(
        html_to_text(r#"<a href="https://x.example/">https://x.example/</a>"#),
        "https://x.example/"
    );
    assert_eq!(
        html_to_text(r#"<a href="javascript:evil()">click</a>"#),
        "click"
    );
    assert_eq!(
        html_to_text(r#"<a href="mailto:a@b.example">a@b.example</a>"#),
        "a@b.example"
    );
}

#[test]
fn image_alt_text_is_kept() {
    assert_eq!(
        html_to_text(r#"see<img src="x" alt="diagram">here"#),
        "see diagram here"
    );
}

#[test]
fn tables_separate_cells() {
    assert_eq!(
        html_to_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
        "a b\nc"
    );
}

#[test]
fn odd_input_does_not_panic() {
    for input in [
        "<",
        "<<",
        "</",
        "</>",
        "<a",
        "<a href",
        "<a href=",
        "<a href=\"",
        "&",
        "&#",
        "&#x",
        "<p/>",
        "<br/",
        "é<é>é",
        "<a =x>",
        "<script",
        "<script/>after",
        "<\u{1F600}>",
    ] {
        let _ = html_to_text(input);
    }
    assert_eq!(html_to_text("<script/>hidden</script>after"), "after");
}
