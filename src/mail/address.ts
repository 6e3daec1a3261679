import { domainToASCII } from 'node:url';

/** Longest address SMTP carries (RFC 5321: 64 + @ + 255, limited by the 256-octet path). */
export const MAX_ADDRESS_LENGTH = 254;

export type AddressProblem = 'empty' | 'too-long' | 'line-break' | 'shape' | 'local-not-ascii' | 'domain';

/**
 * Checks an address someone typed and gives it in the form it is stored and
 * sent: trimmed, the domain lower-case and in ASCII (an IDN like
 * "bücher.example" becomes "xn--bcher-kva.example"). The local part must be
 * ASCII: not every mail server takes SMTPUTF8, and an e-mail that cannot be
 * delivered is worse than a clear "not this address".
 */
export function normaliseAddress(input: string): { address: string } | { problem: AddressProblem } {
  // A line break would start a new header line: refused outright, never cleaned up.
  if (/[\r\n\u2028\u2029]/.test(input)) return { problem: 'line-break' };
  const value = input.trim();
  if (!value) return { problem: 'empty' };
  if (value.length > MAX_ADDRESS_LENGTH) return { problem: 'too-long' };
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return { problem: 'shape' };
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64) return { problem: 'too-long' };
  if (/[^\x00-\x7f]/.test(local)) return { problem: 'local-not-ascii' };
  // Plain dot-atoms only: quoted local parts and comments are legal but used mostly to smuggle things past checks.
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) return { problem: 'shape' };
  const ascii = domainToASCII(domain.toLowerCase());
  if (!ascii || ascii.length > 253 || !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(ascii) || /^\d+$/.test(ascii.split('.').pop()!)) {
    return { problem: 'domain' };
  }
  const address = `${local}@${ascii}`;
  if (address.length > MAX_ADDRESS_LENGTH) return { problem: 'too-long' };
  return { address };
}

/** The domain of an address or of a From line ("Name <a@b.example>" → "b.example"). */
export function domainOf(from: string): string {
  const match = /@([^\s<>@]+?)>?\s*$/.exec(from);
  return match?.[1]?.toLowerCase() ?? 'localhost';
}
