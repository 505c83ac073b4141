//! One WebDriver page (the app's window, or the system browser's tab) as the tests use it: find by
//! id, click when enabled, type and verify, wait for a screen, reach a control by keyboard.

use std::fmt::Display;
use std::future::Future;
use std::ops::Deref;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::json;

use super::artifacts;
use super::screen::Screen;

/// How long any one wait lasts before the test fails.
pub const WAIT: Duration = Duration::from_secs(30);
pub const ENTER: &str = "\u{E007}";
pub const SPACE: &str = " ";
const TAB: &str = "\u{E004}";

/// Polls `probe` until it gives a value; panics naming `what` after [`WAIT`].
pub async fn until<T, F, Fut>(what: impl Display, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(Instant::now() < deadline, "waited {WAIT:?} for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[derive(Clone)]
pub struct Page(pub Client);

impl Deref for Page {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.0
    }
}

impl Page {
    /// Saves a screenshot under target/e2e-artifacts (best effort).
    pub async fn shot(&self, name: &str) {
        self.shot_to(&artifacts().join(format!("{name}.png"))).await;
    }

    /// Saves a screenshot as `file` (best effort).
    pub async fn shot_to(&self, file: &std::path::Path) {
        // Let the last change paint first (a screenshot shows the last painted frame).
        let _ = self
            .execute_async(
                "const done=arguments[arguments.length-1];requestAnimationFrame(()=>requestAnimationFrame(()=>setTimeout(()=>done(true),50)));",
                vec![],
            )
            .await;
        if let Ok(png) = self.screenshot().await {
            let _ = std::fs::write(file, png);
        }
    }

    /// The screen now shown (its `data-step`), if any.
    pub async fn screen(&self) -> Option<String> {
        let v = self
            .execute(
                "return document.querySelector('[data-step]')?.dataset.step ?? null",
                vec![],
            )
            .await
            .ok()?;
        v.as_str().map(str::to_string)
    }

    /// Waits until `screen` is shown.
    pub async fn wait_for(&self, screen: Screen) {
        let want = screen.attr();
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.screen().await;
            if now.as_deref() == Some(want.as_str()) {
                return;
            }
            if Instant::now() >= deadline {
                self.shot(&format!("failed-waiting-for-screen-{want}")).await;
                panic!("expected screen {want:?}, still on {now:?}{}", self.what_shows().await);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the element with this id. A lookup that lands while the page navigates (a form
    /// posting to the loopback listener) is answered "aborted by navigation": asked again.
    pub async fn element(&self, id: &str) -> Element {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.find(Locator::Id(id)).await {
                Ok(el) => return el,
                Err(e) if Instant::now() >= deadline => {
                    self.shot(&format!("failed-waiting-for-{id}")).await;
                    panic!("#{id}: {e};{}", self.what_shows().await)
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// The id of the element that has focus, and whether it is fully inside the viewport.
    pub async fn focused(&self) -> (String, bool) {
        let v = self
            .execute(
                "const e=document.activeElement;const r=e.getBoundingClientRect();return [e.id||'', r.top>=0&&r.bottom<=window.innerHeight];",
                vec![],
            )
            .await
            .unwrap();
        (
            v[0].as_str().unwrap_or_default().to_string(),
            v[1].as_bool().unwrap_or(false),
        )
    }

    /// Whether no element has the id `id` now (call once the screen has shown).
    pub async fn absent(&self, id: &str) -> bool {
        self.find(Locator::Id(id)).await.is_err()
    }

    /// What the screen shows instead, for a failure message: the error box and the screen.
    async fn what_shows(&self) -> String {
        let mut seen = String::new();
        for probe in ["error", "step-heading"] {
            if let Ok(el) = self.find(Locator::Id(probe)).await {
                seen.push_str(&format!(" #{probe}: {:?}", el.text().await.unwrap_or_default()));
            }
        }
        let busy = self
            .execute("return document.querySelector('main')?.ariaBusy", vec![])
            .await;
        seen.push_str(&format!(" busy: {:?}", busy.unwrap_or_default()));
        seen
    }

    pub async fn text(&self, id: &str) -> String {
        self.element(id).await.text().await.unwrap()
    }

    /// Waits until the text of `id` passes `ok` (content that loads after the screen shows).
    pub async fn text_until(&self, id: &str, ok: impl Fn(&str) -> bool) -> String {
        until(format!("#{id} to read as expected"), || async {
            let text = self.text(id).await;
            ok(&text).then_some(text)
        })
        .await
    }

    pub async fn value(&self, id: &str) -> String {
        self.execute("return document.getElementById(arguments[0]).value", vec![json!(id)])
            .await
            .unwrap()
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Clicks `id` once it is enabled (a button is disabled while the previous action runs) and
    /// has stopped moving (a list filled in above it moves it, and a click aimed at where it was
    /// would land elsewhere, as a person's would not).
    pub async fn click(&self, id: &str) {
        let el = self.element(id).await;
        // A tool that does not apply yet waits under "More", as a person would find it.
        let folded = "return !!document.getElementById(arguments[0])?.closest('details:not([open]) > :not(summary)');";
        let under_more = self.execute(folded, vec![json!(id)]).await.ok() == Some(json!(true));
        if id.starts_with("tab-") && id != "tab-more" && under_more {
            Box::pin(self.click("tab-more")).await;
        }
        until(format!("#{id} to be enabled"), || async {
            el.is_enabled().await.unwrap_or(false).then_some(())
        })
        .await;
        // In the middle of the window, clear of the sticky bar of buttons at its foot (WebDriver
        // scrolls an element only to the window's edge, under that bar).
        let center = "document.getElementById(arguments[0])?.scrollIntoView({block: 'center', inline: 'nearest'});";
        self.execute(center, vec![json!(id)]).await.ok();
        let at = "const r = document.getElementById(arguments[0])?.getBoundingClientRect(); return r ? [r.x, r.y + scrollY] : null;";
        let mut last = serde_json::Value::Null;
        for _ in 0..40 {
            let now = self.execute(at, vec![json!(id)]).await.unwrap_or_default();
            if now == last {
                break;
            }
            last = now;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        el.click().await.unwrap_or_else(|e| panic!("click #{id}: {e}"));
    }

    /// Picks the option whose value is `value` in the select `id`, as a user would.
    pub async fn choose(&self, id: &str, value: &str) {
        let el = self.element(id).await;
        el.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("choose {value} in #{id}: {e}"));
        until(format!("#{id} to hold {value}"), || async {
            (self.value(id).await == value).then_some(())
        })
        .await;
    }

    /// Empties a field as a user selecting all and deleting would, types `value`, and waits until
    /// the field holds it. Key events arrive asynchronously and, on a loaded machine, one can be
    /// lost: then the field is cleared and typed again, as a person would.
    pub async fn type_into(&self, id: &str, value: &str) {
        let el = self.element(id).await;
        for _attempt in 0..3 {
            self.execute(
                "const e=document.getElementById(arguments[0]);const s=Object.getOwnPropertyDescriptor(Object.getPrototypeOf(e),'value').set;s.call(e,'');e.dispatchEvent(new Event('input',{bubbles:true}));",
                vec![json!(id)],
            )
            .await
            .unwrap();
            if !value.is_empty() {
                el.send_keys(value).await.unwrap();
            }
            let deadline = Instant::now() + Duration::from_secs(2);
            while Instant::now() < deadline {
                if self.value(id).await == value {
                    // Let the UI see the last key before the next action.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    return;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        panic!("#{id} never held the typed value (it holds {:?})", self.value(id).await);
    }

    /// Presses Tab until `id` has focus (with a visible focus ring), then presses `key` on it.
    pub async fn keyboard_to(&self, id: &str, key: &str) {
        self.element(id).await;
        for _ in 0..60 {
            let active = self.active_element().await.unwrap();
            if active.attr("id").await.unwrap().as_deref() == Some(id) {
                let ring = self
                    .execute(
                        "const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;",
                        vec![],
                    )
                    .await
                    .unwrap();
                assert_eq!(ring, json!(true), "#{id} has no visible focus ring");
                active.send_keys(key).await.unwrap();
                return;
            }
            active.send_keys(TAB).await.unwrap();
        }
        panic!("Tab never reached #{id}");
    }
}
