/** Reads fixtures from test/fixtures/citations/ (see its README for what is real and what is constructed). */
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../../test/fixtures/citations/', import.meta.url);

export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}
