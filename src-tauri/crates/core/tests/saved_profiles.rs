//! Profiles written by version 0.1.0 (tenant as typed, scopes unnormalized, the expiry as text)
//! load into the typed profile, and are written back as readable JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use mailbox_connect_core::nylas::Region;
use mailbox_connect_core::profile::store::ProfileStore;
use mailbox_connect_core::profile::wizard::WizardStep;
use mailbox_connect_core::tenant::Tenant;

#[test]
fn a_0_1_0_profile_file_loads_typed_and_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/profiles-0.1.0.json");
    std::fs::copy(&fixture, dir.path().join("profiles.json")).unwrap();
    let mut store = ProfileStore::open(dir.path()).unwrap();
    assert!(
        !dir.path().join("profiles.json.corrupt").exists(),
        "nothing was set aside"
    );

    let p = store.active().unwrap().clone();
    assert_eq!(p.tenant, Tenant::Domain("contoso.onmicrosoft.com".into()));
    assert_eq!(p.region, Region::Eu);
    assert_eq!(
        &*p.scopes,
        ["offline_access", "openid", "profile", "User.Read", "Mail.Send"]
    );
    assert_eq!(p.secret_expires_on, Some(time::macros::date!(2028 - 11 - 01)));
    assert_eq!(p.step, WizardStep::Consent);

    // A value an older version kept unchecked reads as its safe default, not as a lost file.
    let old = store.get("p-old").unwrap();
    assert_eq!(old.tenant, Tenant::Common);
    assert_eq!(old.secret_expires_on, None);
    assert!(old.scopes.contains(&"offline_access".to_string()));

    store.save_active(p).unwrap();
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("profiles.json")).unwrap()).unwrap();
    let first = &written["profiles"][0];
    assert_eq!(first["tenant"], "contoso.onmicrosoft.com");
    assert_eq!(first["secret_expires_on"], "2028-11-01");
    assert_eq!(first["region"]["kind"], "eu");
}
