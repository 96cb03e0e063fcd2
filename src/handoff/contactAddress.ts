/**
 * Loose checks for the contact address a person leaves with a message: an email address or a
 * phone number (7 to 15 digits, with the usual separators and an optional leading +).
 */
import { redactActivityWithReport, type FoundSecret } from '../privacy/redact';

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

/**
 * The email addresses and phone numbers inside a text ("ok fine someone@example.com", "call me on
 * +44 7700 900123 or email jo@example.com"), in the order they appear, each once. Found by the
 * redactor (the same shapes it hides from transcripts and state), then checked like a bare
 * address with parseContact. Read from the person's own text for a ticket's contact only: what
 * it returns is never stored anywhere else.
 */
export function contactsIn(input: string): { contact: string; kind: ContactKind }[] {
  return contactsAmong(input, redactActivityWithReport({ type: 'message', text: input }).secrets);
}

/** contactsIn, from the secrets the redactor already found in `input` (no second redaction). */
function contactsAmong(input: string, found: readonly FoundSecret[]): { contact: string; kind: ContactKind }[] {
  const out: { contact: string; kind: ContactKind; at: number }[] = [];
  for (const secret of found) {
    if (secret.kind !== 'email' && secret.kind !== 'phone') continue;
    const parsed = parseContact(secret.value);
    if (!parsed || out.some((c) => c.contact === parsed.contact)) continue;
    out.push({ ...parsed, at: input.indexOf(secret.value) });
  }
  return out.sort((a, b) => a.at - b.at).map(({ contact, kind }) => ({ contact, kind }));
}

/**
 * The contact address a person typed: the whole text when it is one, else those inside it,
 * joined by `joiner` (" or "); undefined when there is none.
 */
export function readContact(input: string, joiner: string): string | undefined {
  const whole = parseContact(input);
  if (whole) return whole.contact;
  return joined(contactsIn(input), joiner);
}

/**
 * A message left for the support team, redacted once: the text to store, and the contact address
 * in it (as readContact), read from the same redaction.
 */
export function redactMessageAndContact(input: string, joiner: string): { redacted: string; contact?: string } {
  const report = redactActivityWithReport({ type: 'message', text: input });
  const redacted = report.activity.text ?? '';
  const whole = parseContact(input);
  return { redacted, contact: whole ? whole.contact : joined(contactsAmong(input, report.secrets), joiner) };
}

/** The same address: an email but for case ("Pat@Example.com"), a phone number but for its separators ("+44 7700-900123"). */
export function sameContact(a: string, b: string): boolean {
  const plain = (s: string) => (s.includes('@') ? s.trim().toLowerCase() : s.replace(/[^\d+]/g, ''));
  return plain(a) === plain(b);
}

function joined(found: { contact: string }[], joiner: string): string | undefined {
  return found.length ? found.map((c) => c.contact).join(joiner) : undefined;
}
