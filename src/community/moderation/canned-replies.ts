/** The replies a moderator can send with a rejection; each is a message of the community catalogue (cannedReplyText). */
export const CANNED_REPLIES = ['guidelines', 'personal-data', 'medical-claim', 'spam'] as const;
export type CannedReply = (typeof CANNED_REPLIES)[number];
