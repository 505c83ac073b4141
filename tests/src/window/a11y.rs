//! The accessibility audit: axe-core's WCAG 2.1 A and AA rules on the current screen.

use std::path::Path;

use super::page::Page;

impl Page {
    /// Runs axe-core on the current screen and fails on any violation. Checks the audit itself
    /// works by planting an unlabelled image, which must be caught.
    pub async fn audit_a11y(&self, screen: &str) {
        // Loaded once per page: a review audits each screen twice (light, then dark).
        let loaded = self
            .execute("return typeof axe !== 'undefined';", vec![])
            .await
            .unwrap();
        if loaded != serde_json::json!(true) {
            let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
            let source = std::fs::read_to_string(&axe)
                .unwrap_or_else(|e| panic!("{}: {e} (run `make test`, which installs it)", axe.display()));
            self.execute(&format!("{source}\nreturn typeof axe;"), vec![])
                .await
                .unwrap();
        }
        let found = self
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        let violations: Vec<String> = serde_json::from_value(found).unwrap();
        assert!(
            violations.is_empty(),
            "accessibility violations on {screen}: {violations:#?}"
        );
        let planted = self
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const probe = document.createElement('div');
                 probe.innerHTML = '<img src=\"data:,\">';
                 document.body.appendChild(probe);
                 axe.run(probe, { runOnly: { type: 'rule', values: ['image-alt'] } })
                   .then(r => { probe.remove(); done(r.violations.length); })
                   .catch(e => { probe.remove(); done(-1); });",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            planted,
            serde_json::json!(1),
            "axe did not catch a planted violation on {screen}"
        );
    }
}
