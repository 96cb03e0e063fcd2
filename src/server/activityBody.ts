/**
 * The shape an incoming activity must have before a turn runs: the fields the bot reads are of
 * the type it expects ("text" a string, "from" an object, …). A body that is not answers 400
 * naming the field, instead of a turn that crashes with the request already answered 200.
 * Unknown fields pass through untouched (channels send many).
 */
import { z } from 'zod';
import { HttpError } from './httpJson';

const account = z.object({ id: z.string().optional(), name: z.string().optional(), role: z.string().optional() }).passthrough();
const accounts = z.array(account);

export const activityBodySchema = z
  .object({
    type: z.string().min(1),
    text: z.string().nullish(),
    textFormat: z.string().nullish(),
    locale: z.string().nullish(),
    name: z.string().nullish(),
    replyToId: z.string().nullish(),
    channelId: z.string().nullish(),
    serviceUrl: z.string().nullish(),
    from: account.nullish(),
    recipient: account.nullish(),
    conversation: z.object({ id: z.string() }).passthrough().nullish(),
    membersAdded: accounts.nullish(),
    membersRemoved: accounts.nullish(),
    attachments: z.array(z.object({ contentType: z.string().optional() }).passthrough()).nullish(),
    entities: z.array(z.object({}).passthrough()).nullish(),
    channelData: z.object({}).passthrough().nullish(),
  })
  .passthrough();

export type ActivityBody = z.infer<typeof activityBodySchema>;

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks a parsed JSON body; throws HttpError 400 with `code` naming the first wrong field
 * ("text" must be a string, got a number). A missing "type" keeps the message clients know.
 */
export function parseActivityBody(body: unknown, code: string): ActivityBody {
  const result = activityBodySchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (typeof body !== 'object' || body === null || Array.isArray(body) || issue.path[0] === 'type') {
    throw new HttpError(400, code, 'The activity must be a JSON object with a "type".');
  }
  const field = issue.path.map(String).join('.');
  let got: unknown = body;
  for (const key of issue.path) got = (got as Record<string | number, unknown> | undefined)?.[key];
  const expected = issue.code === 'invalid_type' ? `must be ${issue.expected === 'array' ? 'an array' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}` : issue.message.toLowerCase();
  throw new HttpError(400, code, `The activity's "${field}" ${expected} (got ${describeType(got)}).`);
}
