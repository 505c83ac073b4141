fn main() {
    // App commands are declared so each needs an explicit permission in a capability.
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
            "get_state",
            "choose_mode",
            "go_to",
            "set_checklist_item",
            "set_scopes",
            "set_target",
            "save_azure_app",
            "save_nylas",
            "start_consent",
            "finish_consent",
            "cancel_consent",
            "start_admin_consent",
            "finish_admin_consent",
            "bulk_connect",
            "connect_ews",
            "check_grant",
            "check_all_grants",
            "list_grants",
            "ledger",
            "export_ledger",
            "diagnostics",
            "profiles",
            "new_profile",
            "switch_profile",
            "delete_profile",
            "migration_audit",
            "v2_connect_exchange",
            "start_v2_consent",
            "finish_v2_consent",
        ])),
    )
    .unwrap_or_else(|e| panic!("tauri build: {e}"));
}
