/**
 * Loose checks for the contact address a person leaves with a message: an email address or a
 * phone number (7 to 15 digits, with the usual separators and an optional leading +).
 */
export type ContactKind = 'email' | 'phone';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const PHONE_CHARS = /^\+?[\d\s().\-/]+$/;

/** The address, trimmed, and its kind; undefined when it is neither. */
export function parseContact(input: string): { contact: string; kind: ContactKind } | undefined {
  const text = input.trim().replace(/[.!]+$/, '');
  if (text.length === 0 || text.length > 200) return undefined;
  if (EMAIL.test(text)) return { contact: text, kind: 'email' };
  if (PHONE_CHARS.test(text)) {
    const digits = text.replace(/\D/g, '').length;
    if (digits >= 7 && digits <= 15) return { contact: text.replace(/\s+/g, ' '), kind: 'phone' };
  }
  return undefined;
}
