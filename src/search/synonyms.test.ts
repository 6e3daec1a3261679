import { describe, expect, it } from 'vitest';
import { SynonymTable, synonymSpans } from './synonyms.js';

const table = new SynonymTable([
  { group_id: 1, term: 'SSc' },
  { group_id: 1, term: 'systemic sclerosis' },
  { group_id: 1, term: 'scleroderma' },
  { group_id: 2, term: 'dcSSc' },
  { group_id: 2, term: 'diffuse cutaneous SSc' },
  { group_id: 3, term: 'NK cells' },
  { group_id: 3, term: 'natural killer cells' },
]);

describe('SynonymTable', () => {
  it('works both ways', () => {
    expect(table.alternativesOf(['ssc'])).toEqual(expect.arrayContaining([['systemic', 'sclerosis'], ['scleroderma']]));
    expect(table.alternativesOf(['systemic', 'sclerosis'])).toEqual(expect.arrayContaining([['ssc'], ['scleroderma']]));
    expect(table.alternativesOf(['lung'])).toEqual([]);
  });

  it('carries synonyms into longer terms: "diffuse cutaneous SSc" also means "diffuse cutaneous systemic sclerosis"', () => {
    expect(table.alternativesOf(['dcssc'])).toEqual(
      expect.arrayContaining([['diffuse', 'cutaneous', 'ssc'], ['diffuse', 'cutaneous', 'systemic', 'sclerosis'], ['diffuse', 'cutaneous', 'scleroderma']]),
    );
  });

  it('matches the longest known run of words in a query', () => {
    expect(synonymSpans(['natural', 'killer', 'cell', 'lung'], table)).toEqual([['natural', 'killer', 'cell'], ['lung']]);
    expect(synonymSpans(['systemic', 'lung'], table)).toEqual([['systemic'], ['lung']]);
    expect(synonymSpans(['ssc', 'lung'], null)).toEqual([['ssc'], ['lung']]);
  });
});

describe('SynonymTable variants', () => {
  it('does not substitute a group into its own members ("raynaud" inside "raynaud phenomenon")', () => {
    const rp = new SynonymTable([
      { group_id: 1, term: 'RP' },
      { group_id: 1, term: "Raynaud's phenomenon" },
      { group_id: 1, term: "Raynaud's" },
    ]);
    expect(rp.alternativesOf(['rp']).map((a) => a.join(' ')).sort()).toEqual(['raynaud', 'raynaud phenomenon']);
  });
});
