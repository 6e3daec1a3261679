/** The API's documentation page (/api/docs). */
export const en = {
  title: 'Directory API',
  intro: 'The directory as data, for partners, researchers and other sites: read-only JSON, no key needed, readable from any origin. Each answer has an ETag; send it back in If-None-Match to get 304 when nothing changed.',
  limit: 'Requests are limited per address; a 429 answer says in Retry-After how many seconds to wait.',
  document: 'The machine-readable description (OpenAPI 3.1): <link>/api/openapi.json</link>',
  routes: 'Addresses',
  parameters: 'Parameters',
  noParameters: 'No parameters.',
  parameterRequired: '{name} (required)',
  answers: 'Answers',
  example: 'Try it: <link>{address}</link>',
} as const;
