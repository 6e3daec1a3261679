import type { Reporter, TestModule } from 'vitest/node';

/** How many of the slowest files the summary names: where to look when the suite grows slow. */
const SLOWEST_FILES_SHOWN = 12;

/**
 * Ends every run with one plain line, "vitest: N passed, N failed, N skipped",
 * that CI systems and people can read without parsing Vitest's own output,
 * after the files that took longest (each file once per database project).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const durations: Array<{ name: string; ms: number }> = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      // A file that failed to load has no tests to count but is a failure all the same.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) counts.failed++;
      durations.push({ name: `${module.project.name}: ${module.relativeModuleId}`, ms: module.diagnostic().duration });
    }
    if (durations.length > SLOWEST_FILES_SHOWN) {
      const total = durations.reduce((sum, d) => sum + d.ms, 0);
      const slowest = durations.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_FILES_SHOWN);
      console.log(`\nslowest files (of ${durations.length}, ${Math.round(total / 1000)} s of file time in all):`);
      for (const d of slowest) console.log(`  ${(d.ms / 1000).toFixed(1).padStart(6)} s  ${d.name}`);
    }
    console.log(`\nvitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
