/**
 * The one place that turns what the engine wants to say into Bot Framework activities:
 * a card with buttons where the channel shows them, numbered plain text where it does not.
 * Microsoft Teams gets Adaptive Cards (version 1.5) with Action.Submit buttons: Teams and the
 * Agents Playground render those everywhere, while a hero card's messageBack buttons do nothing
 * in the Playground ("messageBack is not supported yet"). Every activity carries
 * `channelData.resync` (see ResyncChannelData).
 */
import { ActionTypes, CardFactory, InputHints, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import { supportsCardActions } from 'botbuilder-dialogs';
import { CHOICE_VALUE_KEY, type PromptChoice } from './answers';

/**
 * Documented, machine-readable tag on bot activities (`channelData.resync`).
 * - step: "<playbook>/<step>" for activities that belong to a troubleshooting step
 * - playbook, stepId: the two halves of `step`
 * - messageKey: which text this is (a messages.yaml key, or `step.instructions`, `step.question`,
 *   `status.<key>` for step content), so tests and tools need not compare wording
 * - choices: the choice ids offered, in order (when the activity asks something)
 */
export interface ResyncChannelData {
  step?: string;
  playbook?: string;
  stepId?: string;
  messageKey: string;
  choices?: string[];
}

export interface StepRef {
  playbook: string;
  stepId: string;
}

export function resyncData(messageKey: string, step?: StepRef, choices?: readonly PromptChoice[]): ResyncChannelData {
  const data: ResyncChannelData = { messageKey };
  if (step) {
    data.step = `${step.playbook}/${step.stepId}`;
    data.playbook = step.playbook;
    data.stepId = step.stepId;
  }
  if (choices) data.choices = choices.map((c) => c.id);
  return data;
}

/**
 * A plain message. With a channel id, Markdown is kept only where that channel renders it (see
 * rendersMarkdown); elsewhere the text goes out as plain text.
 */
export function textActivity(text: string, resync: ResyncChannelData, channelId?: string): Partial<Activity> {
  const activity = MessageFactory.text(textFor(channelId, text), undefined, InputHints.AcceptingInput);
  activity.channelData = { resync };
  return activity;
}

/**
 * Channels whose clients render the Markdown our texts use (bold, italics, lists, links): Web Chat
 * (also over Direct Line and Direct Line Speech), Microsoft Teams and the Bot Framework Emulator.
 * The terminal chat (`resync chat`) talks as `webchat` and renders Markdown itself. `test` is
 * Bot Framework's TestAdapter channel: no client shows it, and tests compare texts with the
 * content as written. Every other channel id, known (sms, email, slack, telegram, facebook, …)
 * or not, gets plain text.
 */
export const MARKDOWN_CHANNELS: ReadonlySet<string> = new Set(['webchat', 'directline', 'directlinespeech', 'msteams', 'emulator', 'test']);

/** True when the channel shows our Markdown formatted; an unknown or missing id does not. */
export function rendersMarkdown(channelId: string | undefined): boolean {
  return channelId !== undefined && MARKDOWN_CHANNELS.has(channelId);
}

/** The text as the channel should get it: unchanged where Markdown renders, plain otherwise. */
export function textFor(channelId: string | undefined, text: string): string {
  return channelId === undefined || rendersMarkdown(channelId) ? text : plainText(text);
}

/** Characters a backslash may escape in Markdown. */
const MD_ESCAPE = /\\([\\`*_{}[\]()#+\-.!>|~])/g;
const SLOT = '\u0000';
const SLOT_BACK = /\u0000(\d+)\u0000/g;

/**
 * The Markdown subset our texts use, as plain text for channels that show it literally:
 * `**bold**`, `__bold__`, `*italics*` and `_italics_` lose their markers; `[text](url)` becomes
 * "text (url)" (just the url when the text is the url); `<https://…>` becomes the url; headings
 * lose their `#`; `*` and `+` bullets become `-` bullets (numbered lists already read as text);
 * inline code loses its backticks; backslash escapes become the character. Line breaks stay.
 */
export function plainText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => plainLine(line))
    .join('\n');
}

function plainLine(line: string): string {
  const held: string[] = [];
  const hold = (s: string) => `${SLOT}${held.push(s) - 1}${SLOT}`;
  let out = line.replace(MD_ESCAPE, (_m, ch: string) => hold(ch));
  out = out.replace(/`([^`]+)`/g, (_m, code: string) => hold(code));
  out = out
    .replace(/^(\s*)#{1,6}\s+(.*?)\s*#*\s*$/, '$1$2')
    .replace(/^(\s*)[*+](\s+)/, '$1-$2')
    .replace(/!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_m, label: string, url: string) =>
      label.trim() && label.trim() !== url ? `${label.trim()} (${hold(url)})` : hold(url),
    )
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, (_m, url: string) => hold(url))
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__/g, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2');
  // A held piece may itself hold an escape (a url with `\_`): restore until none is left.
  for (let i = 0; i < 3 && out.includes(SLOT); i++) out = out.replace(SLOT_BACK, (_m, n: string) => held[Number(n)] ?? '');
  return out;
}

/**
 * A question with choices. Channels with card actions get a HeroCard whose buttons send the
 * title as text and the choice id as value; others (and unknown channel ids) get numbered text.
 * Channels that do not render Markdown get the question and titles as plain text.
 */
export function promptActivity(channelId: string | undefined, text: string, choices: readonly PromptChoice[], resync: ResyncChannelData): Partial<Activity> {
  let activity: Partial<Activity>;
  if (channelId !== undefined && !rendersMarkdown(channelId)) {
    text = plainText(text);
    choices = choices.map((c) => ({ ...c, title: plainText(c.title) }));
  }
  if (channelId === TEAMS_CHANNEL_ID) {
    activity = adaptiveCardActivity(text, choices, InputHints.ExpectingInput);
  } else if (channelId && choices.length > 0 && supportsCardActions(channelId, choices.length)) {
    const buttons: CardAction[] = choices.map((c) => ({
      type: ActionTypes.MessageBack,
      title: c.title,
      text: c.title,
      displayText: c.title,
      value: { [CHOICE_VALUE_KEY]: c.id },
    }));
    activity = MessageFactory.attachment(CardFactory.heroCard('', text, undefined, buttons), undefined, undefined, InputHints.ExpectingInput);
  } else {
    const lines = choices.map((c, i) => `${i + 1}. ${c.title}`);
    activity = MessageFactory.text(lines.length ? `${text}\n\n${lines.join('\n')}` : text, undefined, InputHints.ExpectingInput);
  }
  activity.channelData = { resync };
  return activity;
}

/** Bot Framework's channel id for Microsoft Teams. */
export const TEAMS_CHANNEL_ID = 'msteams';
/** Highest Adaptive Card version Teams renders on every client (desktop, web, mobile). */
export const TEAMS_CARD_VERSION = '1.5';
/** Buttons shown on the card itself; further ones go to the card's "…" overflow menu. */
export const TEAMS_PRIMARY_BUTTONS = 6;
/**
 * Extra keys in a Teams button's data: the button's title and the question, so the card can be
 * replaced by its answered form once pressed (Teams does not show a card press in the chat).
 */
export const TEAMS_ANSWER_KEY = 'resyncAnswer';
export const TEAMS_PROMPT_KEY = 'resyncPrompt';
/** Message keys whose text Teams gets as a card (the step instructions people follow along). */
const TEAMS_CARD_KEYS: ReadonlySet<string> = new Set(['step.instructions']);

interface CardElement {
  type: string;
  [key: string]: unknown;
}

/**
 * The body of a card for `text`: a leading `**Title**` paragraph becomes a heading, every other
 * paragraph a wrapping TextBlock (Teams renders its bold, lists and links). No colours are set,
 * so the text follows Teams' light, dark and high-contrast themes.
 */
export function adaptiveCardBody(text: string): CardElement[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return paragraphs.map((p, i) => {
    const heading = i === 0 && paragraphs.length > 1 ? /^\*\*([^*\n]+)\*\*$/.exec(p) : null;
    if (heading) return { type: 'TextBlock', text: heading[1], weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' };
    return { type: 'TextBlock', text: p, wrap: true, ...(i > 0 ? { spacing: 'Medium' } : {}) };
  });
}

/**
 * An Adaptive Card (1.5) with one Action.Submit per choice. Pressing one sends a message whose
 * `value` is `{ resyncChoice: <choice id> }`, which every prompt understands (see answers.ts).
 */
export function adaptiveCard(text: string, choices: readonly PromptChoice[] = []): Record<string, unknown> {
  const card: Record<string, unknown> = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: TEAMS_CARD_VERSION,
    body: adaptiveCardBody(text),
  };
  if (choices.length > 0) {
    card.actions = choices.map((c, i) => ({
      type: 'Action.Submit',
      title: c.title,
      data: { [CHOICE_VALUE_KEY]: c.id, [TEAMS_ANSWER_KEY]: c.title, [TEAMS_PROMPT_KEY]: text },
      ...(i >= TEAMS_PRIMARY_BUTTONS ? { mode: 'secondary' } : {}),
    }));
  }
  const lines = choices.map((c, i) => `${i + 1}. ${c.title}`);
  card.fallbackText = lines.length ? `${text}\n\n${lines.join('\n')}` : text;
  return card;
}

/**
 * The answered form of a question card: the question as it was, then the chosen answer, and no
 * buttons (so an old question cannot be answered again by mistake).
 */
export function answeredCard(prompt: string, answer: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: TEAMS_CARD_VERSION,
    body: [...adaptiveCardBody(prompt), { type: 'TextBlock', text: `\u2713 ${answer}`, wrap: true, weight: 'Bolder', spacing: 'Medium' }],
    fallbackText: `${prompt}\n\n\u2713 ${answer}`,
  };
}

/** An update for the card message `id`: its answered form. */
export function answeredCardActivity(id: string, prompt: string, answer: string): Partial<Activity> {
  return { type: 'message', id, attachments: [CardFactory.adaptiveCard(answeredCard(prompt, answer))], summary: summaryOf(prompt) };
}

/** The question and answer carried by a Teams button press, when the press came from one of our cards. */
export function answeredFromValue(value: unknown): { prompt: string; answer: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const prompt = v[TEAMS_PROMPT_KEY];
  const answer = v[TEAMS_ANSWER_KEY];
  return typeof prompt === 'string' && typeof answer === 'string' && typeof v[CHOICE_VALUE_KEY] === 'string' ? { prompt, answer } : undefined;
}

function adaptiveCardActivity(text: string, choices: readonly PromptChoice[], inputHint: InputHints): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(adaptiveCard(text, choices)), undefined, undefined, inputHint);
  // What Teams shows in notifications and the chat list instead of "Card".
  activity.summary = summaryOf(text);
  return activity;
}

function summaryOf(text: string): string {
  const first = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  const plain = first.replace(/\*\*/g, '').trim();
  return plain.length > 120 ? `${plain.slice(0, 119)}…` : plain;
}

/**
 * Teams rendering of an outgoing activity built by textActivity: step instructions become an
 * Adaptive Card (easier to follow than a long chat bubble); everything else is returned as is.
 */
export function renderForTeams(activity: Partial<Activity>): Partial<Activity> {
  const resync = (activity.channelData as { resync?: ResyncChannelData } | undefined)?.resync;
  if (activity.type !== 'message' || !resync || !TEAMS_CARD_KEYS.has(resync.messageKey)) return activity;
  if (!activity.text || (activity.attachments?.length ?? 0) > 0) return activity;
  const card = adaptiveCardActivity(activity.text, [], (activity.inputHint as InputHints | undefined) ?? InputHints.AcceptingInput);
  return { ...activity, ...card, text: undefined, channelData: activity.channelData };
}
