// Generated from src-tauri/src/command_list.rs by `cargo test -p mailbox-connect`. Do not edit.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { About } from "./About";
import type { AdminConsentResult } from "./AdminConsentResult";
import type { AppSummary } from "./AppSummary";
import type { AuditReport } from "./AuditReport";
import type { AuthMode } from "./AuthMode";
import type { AzureAppInput } from "./AzureAppInput";
import type { ChecklistTarget } from "./ChecklistTarget";
import type { Checkup } from "./Checkup";
import type { ConnectResult } from "./ConnectResult";
import type { CreateOptions } from "./CreateOptions";
import type { DemoControls } from "./DemoControls";
import type { DemoFault } from "./DemoFault";
import type { DirectoryFilter } from "./DirectoryFilter";
import type { DirectoryPage } from "./DirectoryPage";
import type { EwsAccount } from "./EwsAccount";
import type { ExpiryReading } from "./ExpiryReading";
import type { FindingCode } from "./FindingCode";
import type { Folder } from "./Folder";
import type { Grant } from "./Grant";
import type { GrantCheckRow } from "./GrantCheckRow";
import type { GrantReport } from "./GrantReport";
import type { JobEvent } from "./JobEvent";
import type { LedgerEntry } from "./LedgerEntry";
import type { NylasInput } from "./NylasInput";
import type { PortalPage } from "./PortalPage";
import type { ProfileSummary } from "./ProfileSummary";
import type { Region } from "./Region";
import type { Rotated } from "./Rotated";
import type { RunKind } from "./RunKind";
import type { RunRow } from "./RunRow";
import type { RunSummary } from "./RunSummary";
import type { SavedFile } from "./SavedFile";
import type { ScopeWords } from "./ScopeWords";
import type { Selection } from "./Selection";
import type { SignInOptions } from "./SignInOptions";
import type { Site } from "./Site";
import type { UpdateOffer } from "./UpdateOffer";
import type { UpdateSettings } from "./UpdateSettings";
import type { V2Input } from "./V2Input";
import type { V2Linked } from "./V2Linked";
import type { WizardState } from "./WizardState";
import type { WizardStep } from "./WizardStep";

export { Channel };

/** Every command of the window, typed from the Rust declaration. */
export const commands = {
  getState: () => invoke<WizardState>("plugin:wizard|get_state"),
  chooseMode: (demo: boolean) => invoke<WizardState>("plugin:wizard|choose_mode", { demo }),
  goTo: (step: WizardStep) => invoke<WizardState>("plugin:wizard|go_to", { step }),
  setChecklistItem: (id: string, done: boolean) => invoke<WizardState>("plugin:wizard|set_checklist_item", { id, done }),
  setScopes: (scopes: Array<string>) => invoke<WizardState>("plugin:wizard|set_scopes", { scopes }),
  setTarget: (target: ChecklistTarget, region: Region, mode: AuthMode) => invoke<WizardState>("plugin:wizard|set_target", { target, region, mode }),
  saveAzureApp: (input: AzureAppInput) => invoke<WizardState>("plugin:wizard|save_azure_app", { input }),
  describeScopes: (scopes: Array<string>) => invoke<Array<ScopeWords>>("plugin:wizard|describe_scopes", { scopes }),
  readExpiry: (text: string) => invoke<ExpiryReading>("plugin:wizard|read_expiry", { text }),
  saveNylas: (input: NylasInput) => invoke<WizardState>("plugin:wizard|save_nylas", { input }),
  profiles: () => invoke<Array<ProfileSummary>>("plugin:wizard|profiles"),
  newProfile: (name: string) => invoke<WizardState>("plugin:wizard|new_profile", { name }),
  switchProfile: (id: string) => invoke<WizardState>("plugin:wizard|switch_profile", { id }),
  deleteProfile: (id: string) => invoke<Array<ProfileSummary>>("plugin:wizard|delete_profile", { id }),
  renameProfile: (id: string, name: string) => invoke<Array<ProfileSummary>>("plugin:wizard|rename_profile", { id, name }),
  connect: (loginHint: string | null, events: Channel<JobEvent>) => invoke<WizardState>("plugin:sign-in|connect", { loginHint, events }),
  sendLink: (email: string, events: Channel<JobEvent>) => invoke<WizardState>("plugin:sign-in|send_link", { email, events }),
  adminConsent: (events: Channel<JobEvent>) => invoke<AdminConsentResult>("plugin:sign-in|admin_consent", { events }),
  v2ConnectOffice365: (v2: V2Input, loginHint: string | null, events: Channel<JobEvent>) => invoke<V2Linked>("plugin:sign-in|v2_connect_office365", { v2, loginHint, events }),
  openPortalPage: (page: PortalPage) => invoke<null>("plugin:sign-in|open_portal_page", { page }),
  reopenBrowser: () => invoke<null>("plugin:sign-in|reopen_browser"),
  cancelJob: () => invoke<null>("plugin:sign-in|cancel_job"),
  createAzureApp: (options: CreateOptions, events: Channel<JobEvent>) => invoke<WizardState>("plugin:azure-app|create_azure_app", { options, events }),
  showAzureApp: (signIn: SignInOptions, events: Channel<JobEvent>) => invoke<AppSummary>("plugin:azure-app|show_azure_app", { signIn, events }),
  rotateSecret: (signIn: SignInOptions, secretMonths: number | null, events: Channel<JobEvent>) => invoke<Rotated>("plugin:azure-app|rotate_secret", { signIn, secretMonths, events }),
  removeAzureApp: (signIn: SignInOptions, events: Channel<JobEvent>) => invoke<WizardState>("plugin:azure-app|remove_azure_app", { signIn, events }),
  demoControls: () => invoke<DemoControls>("plugin:tools|demo_controls"),
  demoBreakMailbox: (email: string) => invoke<DemoControls>("plugin:tools|demo_break_mailbox", { email }),
  demoArmFault: (fault: DemoFault) => invoke<null>("plugin:tools|demo_arm_fault", { fault }),
  checkConnection: (signIn: SignInOptions, events: Channel<JobEvent>) => invoke<Checkup>("plugin:tools|check_connection", { signIn, events }),
  fixConnection: (signIn: SignInOptions, codes: Array<FindingCode>, events: Channel<JobEvent>) => invoke<Checkup>("plugin:tools|fix_connection", { signIn, codes, events }),
  connectEws: (account: EwsAccount) => invoke<ConnectResult>("plugin:tools|connect_ews", { account }),
  checkGrant: (key: string) => invoke<GrantReport>("plugin:tools|check_grant", { key }),
  checkAllGrants: () => invoke<Array<GrantCheckRow>>("plugin:tools|check_all_grants"),
  listGrants: () => invoke<Array<Grant>>("plugin:tools|list_grants"),
  ledger: () => invoke<Array<LedgerEntry>>("plugin:tools|ledger"),
  exportLedger: () => invoke<SavedFile | null>("plugin:tools|export_ledger"),
  saveDiagnostics: () => invoke<SavedFile | null>("plugin:tools|save_diagnostics"),
  showInFolder: () => invoke<null>("plugin:tools|show_in_folder"),
  migrationAudit: (v2: V2Input) => invoke<AuditReport>("plugin:tools|migration_audit", { v2 }),
  v2ConnectExchange: (v2: V2Input, account: EwsAccount) => invoke<V2Linked>("plugin:tools|v2_connect_exchange", { v2, account }),
  directoryPage: (filter: DirectoryFilter, page: number) => invoke<DirectoryPage | null>("plugin:organization|directory_page", { filter, page }),
  showWholeDirectory: (filter: DirectoryFilter) => invoke<DirectoryPage | null>("plugin:organization|show_whole_directory", { filter }),
  selectableMailboxes: (filter: DirectoryFilter) => invoke<Array<string>>("plugin:organization|selectable_mailboxes", { filter }),
  readDirectory: (signIn: SignInOptions, search: string | null, events: Channel<JobEvent>) => invoke<DirectoryPage>("plugin:organization|read_directory", { signIn, search, events }),
  importAddresses: () => invoke<Selection | null>("plugin:organization|import_addresses"),
  startBulk: (kind: RunKind, emails: Array<string>, signIn: SignInOptions, events: Channel<JobEvent>) => invoke<RunSummary>("plugin:organization|start_bulk", { kind, emails, signIn, events }),
  resumeBulk: (runId: string, events: Channel<JobEvent>) => invoke<RunSummary>("plugin:organization|resume_bulk", { runId, events }),
  retryFailed: (runId: string, events: Channel<JobEvent>) => invoke<RunSummary>("plugin:organization|retry_failed", { runId, events }),
  pauseBulk: (runId: string) => invoke<null>("plugin:organization|pause_bulk", { runId }),
  cancelBulk: (runId: string) => invoke<null>("plugin:organization|cancel_bulk", { runId }),
  unfinishedBulk: () => invoke<RunSummary | null>("plugin:organization|unfinished_bulk"),
  bulkRows: (runId: string) => invoke<Array<RunRow>>("plugin:organization|bulk_rows", { runId }),
  exportDirectory: () => invoke<SavedFile | null>("plugin:organization|export_directory"),
  about: () => invoke<About>("plugin:about|about"),
  showFolder: (folder: Folder) => invoke<null>("plugin:about|show_folder", { folder }),
  openSite: (site: Site) => invoke<null>("plugin:about|open_site", { site }),
  updateSettings: () => invoke<UpdateSettings>("plugin:about|update_settings"),
  setAutomaticUpdates: (on: boolean) => invoke<UpdateSettings>("plugin:about|set_automatic_updates", { on }),
  checkForUpdate: (automatic: boolean) => invoke<UpdateOffer | null>("plugin:about|check_for_update", { automatic }),
  installUpdate: (events: Channel<JobEvent>) => invoke<null>("plugin:about|install_update", { events }),
  cancelUpdate: () => invoke<null>("plugin:about|cancel_update"),
};
