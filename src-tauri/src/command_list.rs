// Every command the window may call, declared once, grouped by the inlined plugin that carries
// it. `build.rs` reads the names (each plugin's default permission allows exactly these), and
// `commands.rs` makes the Tauri commands and the TypeScript API (`ui/src/bindings/commands.ts`)
// from the same lines. Each body gets the shell's state as its first name and returns a Result.
commands! {
    wizard "wizard" {
        /// The wizard as it was left; a demo profile gets a fresh demo tenant after a restart.
        fn get_state(s) -> WizardState {
            if s.demo.needs_tenant() {
                s.demo.resume(s.sandbox.env().await?).await?;
            }
            s.setup.state()
        }
        /// Starts with the admin's own organization, or with the built-in demo tenant.
        fn choose_mode(s, demo: bool) -> WizardState {
            let env = if demo { Some(s.sandbox.env().await?) } else { None };
            s.setup.begin(env).await
        }
        fn go_to(s, step: WizardStep) -> WizardState { s.setup.go_to(step) }
        fn set_checklist_item(s, id: String, done: bool) -> WizardState { s.setup.set_checklist_item(&id, done) }
        fn set_scopes(s, scopes: Vec<String>) -> WizardState { s.setup.set_scopes(&scopes) }
        fn set_target(s, target: ChecklistTarget, region: Region, mode: AuthMode) -> WizardState {
            s.setup.set_target(target, region, mode)
        }
        fn save_azure_app(s, input: AzureAppInput) -> WizardState { s.setup.save_azure_app(input).await }
        /// Permissions in plain words, for the result screen.
        fn describe_scopes(s, scopes: Vec<String>) -> Vec<ScopeWords> {
            let _ = s;
            Ok(permissions::in_words(&scopes))
        }
        /// How a typed secret expiry reads: one date, two (day and month swapped), or none.
        fn read_expiry(s, text: String) -> ExpiryReading {
            let _ = s;
            Ok(expiry::read_today(&text))
        }
        fn save_nylas(s, input: NylasInput) -> WizardState { s.setup.save_nylas(input).await }
        fn profiles(s) -> Vec<ProfileSummary> { s.setup.profiles() }
        fn new_profile(s, name: String) -> WizardState { s.setup.new_profile(&name) }
        fn switch_profile(s, id: String) -> WizardState { s.setup.switch_profile(&id) }
        fn delete_profile(s, id: String) -> Vec<ProfileSummary> { s.setup.delete_profile(&id).await }
        fn rename_profile(s, id: String, name: String) -> Vec<ProfileSummary> { s.setup.rename_profile(&id, &name) }
    }
    sign_in "sign-in" {
        /// Signs a mailbox in through the browser (the link arrives on `events`), registers and
        /// tests it, and returns the wizard at its result.
        fn connect(s, login_hint: Option<String>; events: Channel<JobEvent>) -> WizardState {
            let job = job(s, events);
            job.end(s.sign_in.connect(login_hint, &job).await)?;
            s.setup.state()
        }
        /// A sign-in link for the mailbox's owner to open on their own computer (the link arrives on
        /// `events`); waits until Nylas renews the grant, tests it, and returns the wizard at its result.
        fn send_link(s, email: String; events: Channel<JobEvent>) -> WizardState {
            let job = job(s, events);
            job.end(s.sign_in.send_link(&email, &job).await)?;
            s.setup.state()
        }
        /// An administrator approves the app for the organization; then bulk auth can run.
        fn admin_consent(s; events: Channel<JobEvent>) -> AdminConsentResult {
            let job = job(s, events);
            job.end(s.sign_in.admin_consent(&job).await)
        }
        /// Legacy v2: links an Office 365 account after a Microsoft sign-in.
        fn v2_connect_office365(s, v2: V2Input, login_hint: Option<String>; events: Channel<JobEvent>) -> V2Linked {
            let job = job(s, events);
            job.end(s.sign_in.v2_office365(v2, login_hint, &job).await)
        }
        /// Opens the Azure portal where a checklist step is done.
        fn open_portal_page(s, page: PortalPage) -> () {
            let client_id = s.setup.state()?.profile.client_id;
            s.sign_in.open_portal(page, &client_id)
        }
        /// Opens the browser again on the sign-in in progress.
        fn reopen_browser(s) -> () { s.sign_in.reopen_browser() }
        /// Stops the job under way (a sign-in or a Graph job), if any.
        fn cancel_job(s) -> () {
            s.jobs.cancel();
            Ok(())
        }
    }
    azure_app "azure-app" {
        /// "Create it for me": an administrator signs in to Microsoft Graph (the link, then each
        /// step, arrive on `events`); the app is created with its secret in the keychain, and the
        /// wizard continues at its next step.
        fn create_azure_app(s, options: CreateOptions; events: Channel<JobEvent>) -> WizardState {
            let job = job(s, events);
            job.end(s.azure_app.create(options, &job).await)?;
            s.setup.state()
        }
        /// The profile's app as Microsoft Graph describes it.
        fn show_azure_app(s, sign_in: SignInOptions; events: Channel<JobEvent>) -> AppSummary {
            let job = job(s, events);
            job.end(s.azure_app.show(sign_in, &job).await)
        }
        /// A new client secret: keychain, Nylas connector, a grant tested, then the old one removed.
        fn rotate_secret(s, sign_in: SignInOptions, secret_months: Option<u8>; events: Channel<JobEvent>) -> Rotated {
            let job = job(s, events);
            job.end(s.azure_app.rotate_secret(sign_in, secret_months, &job).await)
        }
        /// Removes the app Mailbox Connect created, with its secret and consent.
        fn remove_azure_app(s, sign_in: SignInOptions; events: Channel<JobEvent>) -> WizardState {
            let job = job(s, events);
            job.end(s.azure_app.remove(sign_in, &job).await)?;
            s.setup.state()
        }
    }
    tools "tools" {
        /// The built-in demo tenant's controls, for training: its Nylas address and mailboxes.
        fn demo_controls(s) -> DemoControls { s.sandbox.controls().await }
        /// Revokes a demo mailbox's sign-in, so Nylas gives up on it at its next use.
        fn demo_break_mailbox(s, email: String) -> DemoControls { s.sandbox.break_mailbox(&email).await }
        /// Arms a fault for the demo tenant's next matching request.
        fn demo_arm_fault(s, fault: DemoFault) -> () { s.sandbox.arm(fault).await }
        /// The connection doctor: what is wrong across Azure, the keychain and Nylas (an
        /// administrator signs in to read Azure; the link, then each step, arrive on `events`).
        fn check_connection(s, sign_in: SignInOptions; events: Channel<JobEvent>) -> Checkup {
            let job = job(s, events);
            job.end(s.doctor.check(sign_in, &job).await)
        }
        /// Fixes the findings with these codes, each checked again after.
        fn fix_connection(s, sign_in: SignInOptions, codes: Vec<FindingCode>; events: Channel<JobEvent>) -> Checkup {
            let job = job(s, events);
            job.end(s.doctor.fix(sign_in, Some(&codes), &job).await)
        }
        fn connect_ews(s, account: EwsAccount) -> ConnectResult { s.mailboxes.connect_ews(account).await }
        fn check_grant(s, key: String) -> GrantReport { s.tools.check_grant(&key).await }
        fn check_all_grants(s) -> Vec<GrantCheckRow> { s.tools.check_all_grants().await }
        fn list_grants(s) -> Vec<Grant> { s.tools.list_grants().await }
        fn ledger(s) -> Vec<LedgerEntry> { s.tools.ledger() }
        /// Saves the ledger as CSV where the user chooses; `None` when the dialog was closed.
        fn export_ledger(s) -> Option<SavedFile> {
            let file = ToSave {
                title: "Save the connection history",
                stem: LEDGER_STEM,
                ext: "csv",
                kind: "CSV spreadsheet",
                start_in: s.tools.save_folder(),
                contents: s.tools.ledger_csv()?,
            };
            s.saved.save_as(&s.app, file).await
        }
        /// Saves the diagnostics bundle (no secrets) where the user chooses.
        fn save_diagnostics(s) -> Option<SavedFile> {
            let file = ToSave {
                title: "Save the diagnostics bundle",
                stem: DIAGNOSTICS_STEM,
                ext: "json",
                kind: "Diagnostics bundle",
                start_in: s.tools.save_folder(),
                contents: s.tools.diagnostics_bundle()?,
            };
            s.saved.save_as(&s.app, file).await
        }
        /// Opens the file manager on the file just saved.
        fn show_in_folder(s) -> () { s.saved.show_in_folder(&s.app).await }
        fn migration_audit(s, v2: V2Input) -> AuditReport { s.legacy.migration_audit(v2).await }
        fn v2_connect_exchange(s, v2: V2Input, account: EwsAccount) -> V2Linked { s.legacy.link_exchange(v2, account).await }
    }
    organization "organization" {
        /// A page of the directory table (the directory as last read, kept across restarts, or
        /// the last search); `None` when it was never read. The window holds one page only.
        fn directory_page(s, filter: DirectoryFilter, page: u32) -> Option<DirectoryPage> { s.directory.page(filter, page) }
        /// The whole directory in the table again, after a search.
        fn show_whole_directory(s, filter: DirectoryFilter) -> Option<DirectoryPage> { s.directory.show_all(filter) }
        /// The addresses "Select all shown" selects: those `filter` lets through with something to do.
        fn selectable_mailboxes(s, filter: DirectoryFilter) -> Vec<String> { s.directory.selectable(filter) }
        /// Reads the directory (or searches it): an administrator signs in to Microsoft Graph
        /// (the link, then each page, arrive on `events`); its first page, everyone shown.
        fn read_directory(s, sign_in: SignInOptions, search: Option<String>; events: Channel<JobEvent>) -> DirectoryPage {
            let job = job(s, events);
            job.end(s.directory.list(&sign_in, search.as_deref(), DirectoryFilter::All, &job).await)?;
            s.directory.page(DirectoryFilter::All, 0)?.ok_or_else(|| AppError::internal("The directory read was not kept."))
        }
        /// A CSV (or text) file of addresses, chosen in the Open dialog and held against the
        /// directory line by line; `None` when the dialog was closed.
        fn import_addresses(s) -> Option<Selection> {
            let start_in = s.tools.save_folder();
            let Some(bytes) = open_file(&s.app, "Import mailbox addresses", "CSV or text", &["csv", "txt"], start_in).await? else {
                return Ok(None);
            };
            s.directory.choose(Pick::Addresses(bytes)).map(Some)
        }
        /// Connects (or signs in again) these mailboxes through the organization's approval,
        /// given first through the administrator's Graph sign-in when missing; each mailbox done
        /// arrives on `events`.
        fn start_bulk(s, kind: RunKind, emails: Vec<String>, sign_in: SignInOptions; events: Channel<JobEvent>) -> RunSummary {
            let job = job(s, events);
            let ran = async {
                s.bulk.approve(&sign_in, &job).await?;
                s.bulk.run(kind, &emails, &job).await
            }
            .await;
            job.end(ran)
        }
        /// Goes on with a paused (or killed) run where it stopped.
        fn resume_bulk(s, run_id: String; events: Channel<JobEvent>) -> RunSummary {
            let job = job(s, events);
            let ran = s.bulk.resume(&run_id, &job).await;
            job.end(ran)
        }
        /// Tries a run's failed mailboxes again, alone.
        fn retry_failed(s, run_id: String; events: Channel<JobEvent>) -> RunSummary {
            let job = job(s, events);
            let ran = s.bulk.retry_failed(&run_id, &job).await;
            job.end(ran)
        }
        /// Pauses the run under way; it resumes on request, also after a restart.
        fn pause_bulk(s, run_id: String) -> () {
            s.bulk.pause(&run_id)?;
            s.jobs.cancel();
            Ok(())
        }
        /// Stops the run under way for good: what was connected stays connected.
        fn cancel_bulk(s, run_id: String) -> () {
            s.bulk.cancel(&run_id)?;
            s.jobs.cancel();
            Ok(())
        }
        /// The profile's run that stopped before its end (to offer resuming it).
        fn unfinished_bulk(s) -> Option<RunSummary> { s.bulk.unfinished() }
        fn bulk_rows(s, run_id: String) -> Vec<RunRow> { s.bulk.rows(&run_id) }
        /// Saves the directory table as CSV where the user chooses.
        fn export_directory(s) -> Option<SavedFile> {
            let file = ToSave {
                title: "Save the directory",
                stem: "mailbox-connect-directory",
                ext: "csv",
                kind: "CSV spreadsheet",
                start_in: s.tools.save_folder(),
                contents: s.directory.csv()?,
            };
            s.saved.save_as(&s.app, file).await
        }
    }
    about "about" {
        /// This build, the licence, and where the settings and the logs are.
        fn about(s) -> About { Ok(s.tools.about(build_info::VERSION, build_info::COMMIT)) }
        /// Opens the file manager on the settings or the logs folder.
        fn show_folder(s, folder: Folder) -> () { reveal(&s.app, s.tools.folder(folder)?).await }
        /// Opens the Entra admin center or the Nylas dashboard in the system browser.
        fn open_site(s, site: Site) -> () { s.sign_in.open_site(site) }
        /// Whether the app looks for a new version by itself, and when it last looked.
        fn update_settings(s) -> UpdateSettings { s.updates.settings() }
        fn set_automatic_updates(s, on: bool) -> UpdateSettings { s.updates.set_automatic(on) }
        /// Looks for a newer version, on request or (`automatic`) by itself once a day when the
        /// setting allows; `None` when there is none, or no look was due.
        fn check_for_update(s, automatic: bool) -> Option<UpdateOffer> { updating::check(s, automatic).await }
        /// Downloads the offered version (progress on `events`), verifies its signature, installs
        /// it and restarts; refused while a sign-in, a check or a run is under way.
        fn install_update(s; events: Channel<JobEvent>) -> () { updating::install(s, events).await }
        /// Stops the update's download; this version keeps running and the offer stands.
        fn cancel_update(s) -> () {
            updating::cancel(s).await;
            Ok(())
        }
    }
}
