/** Home, contact and the pages whose text is written in the site settings. */
export const en = {
  pageAbout: 'About us',
  pageDisclaimer: 'Medical disclaimer',
  pageSupport: 'Support',
  notWrittenYet: 'Not written yet.',
  startReading: 'Start reading',
  directoryCard: '{count, plural, one {The one topic of the directory.} other {All # topics of the directory, by subject.}}',
  azCard: 'A–Z of topics',
  azCardText: 'Find a topic by its name.',
  talkTitle: 'Talk to someone',
  talkEmail: 'Write to <mail>{email}</mail>.',
  talkEmailPhone: 'Write to <mail>{email}</mail> or call {hotline} <phone>{number}</phone>.',
  talkSupport: '<link>How we can support you</link>.',
  contactTitle: 'Contact us',
  contactEmail: 'E-mail',
  contactPost: 'Post',
} as const;
