/**
 * Shared helpers for tests that need a real browser or a real socket:
 *
 *   const server = await serveOnFreePort(testApp.atoz); // the app as `npm start` serves it (fast lane included)
 *   const browser = await launchBrowser();
 *   const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
 *   const page = await context.newPage();
 *   await page.goto(server.url + '/directory');
 *   expect(await axeViolations(page)).toEqual([]);
 *
 * Close what you open (context, browser, server) in afterAll.
 */
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { type TestApp, createTestApp } from './app.js';

/** The system Chromium (Debian package); override with ATOZ_CHROMIUM. */
export const CHROMIUM_PATH = process.env.ATOZ_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free headless Chromium (tests run as root, offline). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The two widths every reader page must work at: a small phone and a laptop. */
export const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 900 },
} as const;

/** The WCAG levels we promise (2.2 AA, which includes the older A/AA rules). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Starts headless Chromium; use browser.newContext() per test group. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Runs axe-core on the page as it is now and returns one readable line per
 * failing element ("color-contrast: Elements must meet … at .lead > a"), so a
 * failing `toEqual([])` says what to fix.
 *
 * Legacy mode runs axe once inside the page instead of frame by frame from
 * Node (about 40 % less time per page here); our pages have no frames, and
 * sanitising strips any an author writes.
 */
export async function axeViolations(page: Page, tags: string[] = WCAG_TAGS): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(tags).setLegacyMode(true).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ')})` : ''}`),
  );
}

export interface RunningServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Something that serves itself, as `atoz.serve` does (the app behind its fast lane, as `npm start` runs it). */
export interface SelfServing {
  serve(listen: { port: number; hostname: string }, onListening?: (info: AddressInfo) => void): ServerType;
}

/** Serves `atoz` (or a bare fetch handler such as `atoz.app.fetch`) over a real socket on a free loopback port. */
export function serveOnFreePort(target: SelfServing | ((request: Request) => Response | Promise<Response>)): Promise<RunningServer> {
  return new Promise((resolve) => {
    const listen = { port: 0, hostname: '127.0.0.1' };
    const onListening = (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            // Keep-alive sockets (browsers) would hold close() open otherwise.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    };
    const server: ServerType = typeof target === 'function' ? serve({ fetch: target, ...listen }, onListening) : target.serve(listen, onListening);
  });
}

/** What a browser test file works with: the demo app served on a free port, and Chromium. */
export interface BrowserTestBed {
  app: TestApp;
  server: RunningServer;
  browser: Browser;
  /** Closes the browser, the server and the app's database, in that order. */
  close(): Promise<void>;
}

/**
 * Opens a test bed in beforeAll (`bed = await openBrowserTestBed()`) and closes
 * it in afterAll (`await bed?.close()`). By default the app is served as
 * `npm start` serves it (fast lane included); `fastLane: false` serves the
 * Hono app alone, for tests of signed-in pages that never use the fast lane.
 */
export async function openBrowserTestBed(options: { app?: TestApp; fastLane?: boolean } = {}): Promise<BrowserTestBed> {
  const app = options.app ?? (await createTestApp());
  const server = await serveOnFreePort(options.fastLane === false ? app.atoz.app.fetch : app.atoz);
  const browser = await launchBrowser();
  return {
    app,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      await app.close();
    },
  };
}

/** How new page types are looked at: a phone, a laptop, and forced colours (Windows high contrast) on a phone. */
export const LOOKS = [
  { name: 'phone', options: { viewport: VIEWPORTS.phone } },
  { name: 'desktop', options: { viewport: VIEWPORTS.desktop } },
  { name: 'forced colours', options: { viewport: VIEWPORTS.phone, forcedColors: 'active' as const } },
] as const;

/** Opens `path` of the bed's server in a new page of `context`, expects 200, runs `use`, and closes the page. */
export async function withBedPage<T>(bed: BrowserTestBed, context: BrowserContext, path: string, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    const res = await page.goto(bed.server.url + path);
    if (res?.status() !== 200) throw new Error(`${path} answered ${res?.status()}`);
    return await use(page);
  } finally {
    await page.close();
  }
}

/** Elements matching `selector` that reach past the screen's right edge (sideways scrolling at this width). */
export function widerThanScreen(page: Page, selector = 'main *'): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      Array.from(document.querySelectorAll(sel))
        .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`)
        .slice(0, 3),
    selector,
  );
}

/** A page to check: where it is, the status it must answer with, and who opens it. */
export interface PageType<Who extends string = string> {
  name: string;
  path: string;
  as: Who;
  status: number;
}

/**
 * Every page type that answers with another status, has axe-core WCAG 2.2 AA violations or scrolls sideways at
 * this viewport, by name (empty when all pass). Each page opens in its own context from `contextAs`.
 */
export async function pageTypeFailures<Who extends string>(url: string, viewport: { width: number; height: number }, types: readonly PageType<Who>[], contextAs: (who: Who, viewport: { width: number; height: number }) => Promise<BrowserContext>): Promise<Record<string, unknown>> {
  const failures: Record<string, unknown> = {};
  for (const type of types) {
    const context = await contextAs(type.as, viewport);
    try {
      const page = await context.newPage();
      const res = await page.goto(url + type.path);
      const violations = await axeViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      if (res?.status() !== type.status || violations.length || overflow > viewport.width) failures[type.name] = { status: res?.status(), violations, overflow };
    } finally {
      await context.close();
    }
  }
  return failures;
}

