/**
 * The storyteller's signed links: confirm the e-mail address, approve a
 * moderator's edit, withdraw consent. No account is needed, so the link is
 * the authority: an HMAC of the story and the purpose under a server-wide key.
 * (The approval form carries a hash of the text it showed, so approving
 * never applies a later edit the storyteller has not read.)
 */
import { hmacBase64url, safeEqual } from '../accounts/tokens.js';

export type LinkPurpose = 'confirm' | 'withdraw' | 'review';

export function signStoryLink(key: Buffer, purpose: LinkPurpose, storyId: number): string {
  return hmacBase64url(key, `story:${purpose}:${storyId}`);
}

export function storyLinkValid(key: Buffer, purpose: LinkPurpose, storyId: number, signature: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(signature) && safeEqual(signature, signStoryLink(key, purpose, storyId));
}

/** The address of a signed link, without language prefix or host. */
export function storyLinkPath(key: Buffer, purpose: LinkPurpose, storyId: number): string {
  return `/stories/${storyId}/${purpose}/${signStoryLink(key, purpose, storyId)}`;
}
