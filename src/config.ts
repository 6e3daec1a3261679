import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isSafeLink } from './content/links.js';

/** Everything an operator can set, read once from the environment at start. */
export const ConfigSchema = z.object({
  /** TCP port the web server listens on. */
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind; 0.0.0.0 to serve other machines. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Folder for the embedded database and caches; created when missing. */
  dataDir: z.string().min(1).default('data'),
  /** postgres://… to run on PostgreSQL; unset means the embedded SQLite file in dataDir. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** Largest number of pooled PostgreSQL connections per server (at least 2: first start holds one for a lock while importing on another). */
  dbPoolSize: z.coerce.number().int().min(2, 'ATOZ_DB_POOL_SIZE must be at least 2').max(200).default(10),
  /** Milliseconds to wait for a PostgreSQL connection before failing a request. */
  dbConnectTimeoutMs: z.coerce.number().int().min(100).default(5000),
  /** Milliseconds a single SQL statement may run on PostgreSQL (the server cancels it after that). */
  dbStatementTimeoutMs: z.coerce.number().int().min(100).default(5000),
  /**
   * Milliseconds atoz waits for any answer to a query before it gives up on
   * the connection (a network cut the server cannot report): the request gets
   * a 503 and the connection is closed. Longer than the statement timeout, so
   * a slow statement is cancelled cleanly by the server first; unset means
   * the statement timeout plus one second.
   */
  dbQueryTimeoutMs: z.coerce.number().int().min(100).optional(),
  /** Milliseconds between checks that SQLite can still copy its write-ahead log into the database file. */
  sqliteCheckpointMs: z.coerce.number().int().min(100).default(10_000),
  /** Milliseconds to keep retrying an unreachable database at start before giving up. */
  dbStartupWaitMs: z.coerce.number().int().min(0).default(60_000),
  /** Run the background-job worker inside this server process (0 to leave jobs to `npm run atoz -- jobs run`). */
  worker: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Milliseconds between the worker's looks for due jobs. */
  workerPollMs: z.coerce.number().int().min(50).default(1000),
  /** HTTP processes sharing the port on this machine (one per core is typical); jobs run in the first. */
  processes: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)])
    .default(1)
    .transform((v) => (v === 'auto' ? availableParallelism() : v)),
  /** Public base URL used in canonical links, sitemap and Open Graph tags. */
  publicUrl: z.url().refine((url) => isSafeLink(url, ['web']), 'ATOZ_PUBLIC_URL must start with http:// or https://').optional(),
  /** Folder of Markdown content imported into an empty database on first start. */
  contentDir: z.string().min(1).default('content'),
  /** Behind a reverse proxy: trust X-Forwarded-Proto (Secure cookies) and the last X-Forwarded-For entry (client IP). */
  trustProxy: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** Seconds browsers keep to HTTPS after an answer over HTTPS (Strict-Transport-Security); 0 sends none. */
  hstsMaxAge: z.coerce.number().int('ATOZ_HSTS_MAX_AGE must be a whole number of seconds').min(0, 'ATOZ_HSTS_MAX_AGE must be 0 (off) or more seconds').max(63_072_000, 'ATOZ_HSTS_MAX_AGE must be at most two years (63072000)').default(31_536_000),
  /** Seconds a CDN or shared proxy may keep an anonymous reader page (Cache-Control s-maxage); 0 means revalidate every time. */
  cdnMaxAge: z.coerce.number().int('ATOZ_CDN_MAX_AGE must be a whole number of seconds').min(0).max(31_536_000).default(0),
  /** Seconds past that a CDN may still serve the old page while it fetches the new one (stale-while-revalidate). */
  cdnStaleSeconds: z.coerce.number().int('ATOZ_CDN_STALE_SECONDS must be a whole number of seconds').min(0).max(31_536_000).default(60),
  /** Address atoz POSTs {"tags":["atoz-all"]} to after every content change, so the CDN drops its copies at once. */
  cdnPurgeUrl: z.url('ATOZ_CDN_PURGE_URL must be an https:// or http:// address').refine((url) => isSafeLink(url, ['web']), 'ATOZ_CDN_PURGE_URL must start with http:// or https://').optional(),
  /** Sent with each purge call as Authorization: Bearer <token>. */
  cdnPurgeToken: z.string().trim().min(1).max(500).optional(),
  /** Folder kept as a static copy of the public site: re-published after every content change (src/publishing). */
  publishDir: z.string().min(1).optional(),
  /** Most URLs in one sitemap file; a site with more gets a sitemap index (50,000 is the sitemaps protocol's limit). */
  sitemapUrlLimit: z.coerce.number().int('ATOZ_SITEMAP_URL_LIMIT must be a whole number').min(1).max(50_000, 'ATOZ_SITEMAP_URL_LIMIT must be at most 50000, the sitemaps protocol limit').default(50_000),
  /** Software name sent to PubMed's E-utilities with every request (NCBI asks for it). */
  ncbiTool: z.string().trim().min(1).max(100).regex(/^\S+$/, 'ATOZ_NCBI_TOOL must be one word, e.g. atoz').default('atoz'),
  /** Contact address sent to PubMed; required to import from PubMed and to run retraction watch and the research inbox. */
  ncbiEmail: z.string().trim().email('ATOZ_NCBI_EMAIL must be an e-mail address').optional(),
  /** NCBI API key: raises PubMed's limit from 3 to 10 requests a second. */
  ncbiApiKey: z.string().trim().regex(/^[A-Za-z0-9]{8,64}$/, 'ATOZ_NCBI_API_KEY must be the letters and digits NCBI gave you').optional(),
  /** Contact address for Crossref's polite pool (DOI import); ATOZ_NCBI_EMAIL is used when unset. */
  crossrefMailto: z.string().trim().email('ATOZ_CROSSREF_MAILTO must be an e-mail address').optional(),
  /** The editors' dashboard lists pages whose newest evidence is older than this many years. */
  staleEvidenceYears: z.coerce.number().int().min(1).max(50).default(7),
  /** smtp://user:pass@host:587 or smtps://…:465: where e-mail is handed on; unset means mail waits in the outbox (/admin/outbox). */
  smtpUrl: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^\s]+$/, 'ATOZ_SMTP_URL must start with smtp:// or smtps://, e.g. smtp://user:password@mail.example.org:587')
    .optional(),
  /** The From of every e-mail: "Example Network <news@example.org>" or an address. */
  mailFrom: z
    .string()
    .trim()
    .max(300)
    .refine((v) => !/[\r\n]/.test(v) && /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/.test(v), 'ATOZ_MAIL_FROM must be an address, or a name and an address: Example Network <news@example.org>')
    .optional(),
  /** E-mails handed to the SMTP server per minute, across all servers. */
  mailPerMinute: z.coerce.number().int().min(1).max(10_000).default(60),
  /** DKIM signing: the domain (d=), the selector (s=) and a file holding the PEM private key; all three or none. */
  dkimDomain: z.string().trim().regex(/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'ATOZ_DKIM_DOMAIN must be a domain name, e.g. example.org').optional(),
  dkimSelector: z.string().trim().regex(/^[A-Za-z0-9._-]{1,63}$/, 'ATOZ_DKIM_SELECTOR must be the selector word of your DNS record, e.g. atoz').optional(),
  dkimKeyFile: z.string().trim().min(1).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Reads ATOZ-style environment variables into a validated Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.ATOZ_DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    dbPoolSize: env.ATOZ_DB_POOL_SIZE,
    dbConnectTimeoutMs: env.ATOZ_DB_CONNECT_TIMEOUT_MS,
    dbStatementTimeoutMs: env.ATOZ_DB_STATEMENT_TIMEOUT_MS,
    dbQueryTimeoutMs: env.ATOZ_DB_QUERY_TIMEOUT_MS || undefined,
    sqliteCheckpointMs: env.ATOZ_SQLITE_CHECKPOINT_MS || undefined,
    dbStartupWaitMs: env.ATOZ_DB_STARTUP_WAIT_MS,
    worker: env.ATOZ_WORKER,
    workerPollMs: env.ATOZ_WORKER_POLL_MS,
    processes: env.ATOZ_PROCESSES || undefined,
    publicUrl: env.ATOZ_PUBLIC_URL || undefined,
    contentDir: env.ATOZ_CONTENT_DIR,
    trustProxy: env.ATOZ_TRUST_PROXY,
    hstsMaxAge: env.ATOZ_HSTS_MAX_AGE || undefined,
    cdnMaxAge: env.ATOZ_CDN_MAX_AGE || undefined,
    cdnStaleSeconds: env.ATOZ_CDN_STALE_SECONDS || undefined,
    cdnPurgeUrl: env.ATOZ_CDN_PURGE_URL || undefined,
    cdnPurgeToken: env.ATOZ_CDN_PURGE_TOKEN || undefined,
    publishDir: env.ATOZ_PUBLISH_DIR || undefined,
    sitemapUrlLimit: env.ATOZ_SITEMAP_URL_LIMIT || undefined,
    ncbiTool: env.ATOZ_NCBI_TOOL || undefined,
    ncbiEmail: env.ATOZ_NCBI_EMAIL || undefined,
    ncbiApiKey: env.ATOZ_NCBI_API_KEY || undefined,
    crossrefMailto: env.ATOZ_CROSSREF_MAILTO || undefined,
    staleEvidenceYears: env.ATOZ_STALE_EVIDENCE_YEARS || undefined,
    smtpUrl: env.ATOZ_SMTP_URL || undefined,
    mailFrom: env.ATOZ_MAIL_FROM || undefined,
    mailPerMinute: env.ATOZ_MAIL_PER_MINUTE || undefined,
    dkimDomain: env.ATOZ_DKIM_DOMAIN || undefined,
    dkimSelector: env.ATOZ_DKIM_SELECTOR || undefined,
    dkimKeyFile: env.ATOZ_DKIM_KEY_FILE || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = { ...parsed.data, ...overrides };
  if (config.dbQueryTimeoutMs !== undefined && config.dbQueryTimeoutMs <= config.dbStatementTimeoutMs) {
    throw new ConfigError(
      `Invalid configuration:\n  dbQueryTimeoutMs: ATOZ_DB_QUERY_TIMEOUT_MS (${config.dbQueryTimeoutMs}) must be longer than ATOZ_DB_STATEMENT_TIMEOUT_MS (${config.dbStatementTimeoutMs}), ` +
        'so PostgreSQL cancels a slow statement itself before atoz gives up on the connection',
    );
  }
  const dkim = [config.dkimDomain, config.dkimSelector, config.dkimKeyFile].filter((v) => v !== undefined).length;
  if (dkim !== 0 && dkim !== 3) {
    throw new ConfigError('Invalid configuration:\n  dkim: set all of ATOZ_DKIM_DOMAIN, ATOZ_DKIM_SELECTOR and ATOZ_DKIM_KEY_FILE to sign e-mail, or none of them');
  }
  return { ...config, dataDir: resolve(config.dataDir), contentDir: resolve(config.contentDir), publishDir: config.publishDir === undefined ? undefined : resolve(config.publishDir), ...(config.dkimKeyFile ? { dkimKeyFile: resolve(config.dkimKeyFile) } : {}) };
}

/** Interfaces that mean "every address of this machine". */
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]', '::0']);

/** Settings that work but are probably a mistake, to print at start. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.trustProxy && ALL_INTERFACES.has(config.host)) {
    warnings.push(
      `ATOZ_TRUST_PROXY=1 while listening on every interface (HOST=${config.host}): anyone who reaches port ${config.port} directly, not through your proxy, can forge X-Forwarded-For and X-Forwarded-Proto, and so get a new per-address sign-in limit with every made-up address. Set HOST to the address your proxy connects to, or let only the proxy reach the port.`,
    );
  }
  return warnings;
}

/** A configuration problem the operator must fix; printed without a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
