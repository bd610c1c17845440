/** The store: the database and its repositories, each named for what it keeps. */
import { Db, type DbOptions } from './db.js';
import { AppClientsRepository } from './repositories/app-clients.js';
import { BreakpointsRepository } from './repositories/breakpoints.js';
import { CognitoIdentityKeysRepository } from './repositories/cognito-identity-keys.js';
import { DevicesRepository } from './repositories/devices.js';
import { DomainsRepository } from './repositories/domains.js';
import { EventsRepository, type HistoryLimits } from './repositories/events.js';
import { ExpiringRepository } from './repositories/expiring.js';
import { EventStatsRepository } from './repositories/event-stats.js';
import { FlowsRepository } from './repositories/flows.js';
import { FlowPinsRepository } from './repositories/flow-pins.js';
import { GroupsRepository } from './repositories/groups.js';
import { IdentitiesRepository } from './repositories/identities.js';
import { LocalKmsKeysRepository } from './repositories/local-kms-keys.js';
import { ManagedLoginBrandingsRepository } from './repositories/managed-login-brandings.js';
import { MockIdpKeysRepository } from './repositories/mock-idp-keys.js';
import { MockIdpPeopleRepository } from './repositories/mock-idp-people.js';
import { MockSamlIdpKeysRepository } from './repositories/mock-saml-idp-keys.js';
import { IdentityPoolsRepository } from './repositories/identity-pools.js';
import { IdentityProvidersRepository } from './repositories/identity-providers.js';
import { IssuedCredentialsRepository } from './repositories/issued-credentials.js';
import { OutboxRepository } from './repositories/outbox.js';
import { ProviderLinksRepository } from './repositories/provider-links.js';
import { ResourceServersRepository } from './repositories/resource-servers.js';
import { SamlHostedSessionsRepository } from './repositories/saml-hosted-sessions.js';
import { SamlLogoutRequestsRepository } from './repositories/saml-logout-requests.js';
import { SamlMetadataDocumentsRepository } from './repositories/saml-metadata-documents.js';
import { SamlSpKeysRepository } from './repositories/saml-sp-keys.js';
import { SeenSamlAssertionsRepository } from './repositories/seen-saml-assertions.js';
import { RefreshTokensRepository } from './repositories/refresh-tokens.js';
import { HostedSessionsRepository } from './repositories/hosted-sessions.js';
import { SignInFailuresRepository } from './repositories/sign-in-failures.js';
import { SandboxClockRepository } from './repositories/sandbox-clock.js';
import { PersonHistoryRepository } from './repositories/person-history.js';
import { SignOutsRepository } from './repositories/sign-outs.js';
import { SigningKeysRepository } from './repositories/signing-keys.js';
import { Snapshots } from './snapshots.js';
import { TermsRepository } from './repositories/terms.js';
import { ProvisionedLimitsRepository, UserPoolReplicasRepository } from './repositories/replicas-limits.js';
import { LogDeliveryConfigurationsRepository } from './repositories/log-delivery-configurations.js';
import { AuthEventsRepository, RiskConfigurationsRepository, RiskMarksRepository } from './repositories/threat-protection.js';
import { SessionConfigurationsRepository } from './repositories/session-configurations.js';
import { UiCustomizationsRepository } from './repositories/ui-customizations.js';
import { UserImportJobsRepository } from './repositories/user-import-jobs.js';
import { UserPoolsRepository } from './repositories/user-pools.js';
import { UsersRepository } from './repositories/users.js';
import { WebAuthnCredentialsRepository } from './repositories/webauthn-credentials.js';

export class Store {
  readonly pools: UserPoolsRepository;
  readonly clients: AppClientsRepository;
  readonly users: UsersRepository;
  readonly groups: GroupsRepository;
  readonly domains: DomainsRepository;
  readonly resourceServers: ResourceServersRepository;
  readonly identityProviders: IdentityProvidersRepository;
  readonly providerLinks: ProviderLinksRepository;
  readonly outbox: OutboxRepository;
  readonly events: EventsRepository;
  readonly eventStats: EventStatsRepository;
  readonly signingKeys: SigningKeysRepository;
  readonly refreshTokens: RefreshTokensRepository;
  readonly hostedSessions: HostedSessionsRepository;
  readonly signOuts: SignOutsRepository;
  readonly flows: FlowsRepository;
  readonly flowPins: FlowPinsRepository;
  readonly breakpoints: BreakpointsRepository;
  readonly kmsKeys: LocalKmsKeysRepository;
  readonly signInFailures: SignInFailuresRepository;
  readonly personHistory: PersonHistoryRepository;
  readonly webAuthnCredentials: WebAuthnCredentialsRepository;
  readonly devices: DevicesRepository;
  readonly uiCustomizations: UiCustomizationsRepository;
  readonly managedLoginBrandings: ManagedLoginBrandingsRepository;
  readonly terms: TermsRepository;
  readonly userPoolReplicas: UserPoolReplicasRepository;
  readonly provisionedLimits: ProvisionedLimitsRepository;
  readonly logDeliveryConfigurations: LogDeliveryConfigurationsRepository;
  readonly userImportJobs: UserImportJobsRepository;
  readonly riskConfigurations: RiskConfigurationsRepository;
  readonly riskMarks: RiskMarksRepository;
  readonly authEvents: AuthEventsRepository;
  readonly sessionConfigurations: SessionConfigurationsRepository;
  readonly samlSpKeys: SamlSpKeysRepository;
  readonly samlMetadataDocuments: SamlMetadataDocumentsRepository;
  readonly seenSamlAssertions: SeenSamlAssertionsRepository;
  readonly samlHostedSessions: SamlHostedSessionsRepository;
  readonly samlLogoutRequests: SamlLogoutRequestsRepository;
  readonly mockIdpPeople: MockIdpPeopleRepository;
  readonly mockIdpKeys: MockIdpKeysRepository;
  readonly mockSamlIdpKeys: MockSamlIdpKeysRepository;
  readonly identityPools: IdentityPoolsRepository;
  readonly cognitoIdentityKeys: CognitoIdentityKeysRepository;
  readonly issuedCredentials: IssuedCredentialsRepository;
  readonly identities: IdentitiesRepository;
  /** Named copies of the state, saved and restored whole (`<dataDir>/snapshots/`). */
  readonly snapshots: Snapshots;
  /** The sandbox clock's offset (time travel). */
  readonly clockOffset: SandboxClockRepository;
  /** What reaches its deadline within a span of time (the time-travel report). */
  readonly expiring: ExpiringRepository;

  private constructor(readonly db: Db, history: Partial<HistoryLimits> = {}, dir?: string) {
    this.pools = new UserPoolsRepository(db);
    this.clients = new AppClientsRepository(db);
    this.users = new UsersRepository(db);
    this.groups = new GroupsRepository(db);
    this.domains = new DomainsRepository(db);
    this.resourceServers = new ResourceServersRepository(db);
    this.identityProviders = new IdentityProvidersRepository(db);
    this.providerLinks = new ProviderLinksRepository(db);
    this.outbox = new OutboxRepository(db);
    this.events = new EventsRepository(db, history);
    this.eventStats = new EventStatsRepository(db);
    this.signingKeys = new SigningKeysRepository(db);
    this.refreshTokens = new RefreshTokensRepository(db);
    this.hostedSessions = new HostedSessionsRepository(db);
    this.signOuts = new SignOutsRepository(db);
    this.flows = new FlowsRepository(db);
    this.flowPins = new FlowPinsRepository(db);
    this.breakpoints = new BreakpointsRepository(db);
    this.kmsKeys = new LocalKmsKeysRepository(db);
    this.signInFailures = new SignInFailuresRepository(db);
    this.personHistory = new PersonHistoryRepository(db);
    this.webAuthnCredentials = new WebAuthnCredentialsRepository(db);
    this.devices = new DevicesRepository(db);
    this.uiCustomizations = new UiCustomizationsRepository(db);
    this.managedLoginBrandings = new ManagedLoginBrandingsRepository(db);
    this.terms = new TermsRepository(db);
    this.userPoolReplicas = new UserPoolReplicasRepository(db);
    this.provisionedLimits = new ProvisionedLimitsRepository(db);
    this.logDeliveryConfigurations = new LogDeliveryConfigurationsRepository(db);
    this.userImportJobs = new UserImportJobsRepository(db);
    this.riskConfigurations = new RiskConfigurationsRepository(db);
    this.riskMarks = new RiskMarksRepository(db);
    this.authEvents = new AuthEventsRepository(db);
    this.sessionConfigurations = new SessionConfigurationsRepository(db);
    this.samlSpKeys = new SamlSpKeysRepository(db);
    this.samlMetadataDocuments = new SamlMetadataDocumentsRepository(db);
    this.seenSamlAssertions = new SeenSamlAssertionsRepository(db);
    this.samlHostedSessions = new SamlHostedSessionsRepository(db);
    this.samlLogoutRequests = new SamlLogoutRequestsRepository(db);
    this.mockIdpPeople = new MockIdpPeopleRepository(db);
    this.mockIdpKeys = new MockIdpKeysRepository(db);
    this.mockSamlIdpKeys = new MockSamlIdpKeysRepository(db);
    this.identityPools = new IdentityPoolsRepository(db);
    this.cognitoIdentityKeys = new CognitoIdentityKeysRepository(db);
    this.issuedCredentials = new IssuedCredentialsRepository(db);
    this.identities = new IdentitiesRepository(db);
    this.snapshots = new Snapshots(db, dir);
    this.clockOffset = new SandboxClockRepository(db);
    this.expiring = new ExpiringRepository(db);
  }

  /** `history`: the debugger history's bounds (`--history-events`). */
  static async open(options: DbOptions & { history?: Partial<HistoryLimits> } = {}): Promise<Store> {
    const { history, ...db } = options;
    return new Store(await Db.open(db), history, db.dir);
  }

  /** Runs `fn` as one journaled transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.write(() => fn());
  }

  close(): void {
    this.events.close();
    this.db.close();
  }
}
