import { describe, it } from 'vitest';

// Faults as editors meet them. These land with the restructured editor; each
// uses the drivers in ./support.ts (AtozUnderTest, ConcurrentEditors,
// saveOnce) against the real server, like the other files here.
describe('editor under faults', () => {
  it.todo('same-address race: two editors creating a page at the same new address at the same moment get one page, and the other a clear answer with their text intact');
  it.todo('a save sent twice (double click, a retry after a timeout) with the same save token is stored once');
  it.todo('on a full disk the editor page comes back with the text intact and a sentence saying the disk is full');
  it.todo('an editor POST during a database outage gets the honest 503 page, with the text intact, and Retry-After');
});
