/** The static copy's own page: search without the live server (/static-search). */
export const en = {
  title: 'Search',
  intro: 'This copy of the site searches in your browser. Type words in the search box at the top of the page.',
  noScript: 'Searching this copy needs JavaScript. Every page is also listed in the A–Z index: <link>browse the index</link>.',
  searching: 'Searching…',
  emptyQuery: 'Type one or more words in the search box.',
  found: 'Pages found for “{query}”: {count}',
  noneFound: 'No page found for “{query}”. Try other words, or browse the A–Z index.',
  failed: 'The search could not start in this browser. Browse the A–Z index instead.',
  results: 'Results',
} as const;
