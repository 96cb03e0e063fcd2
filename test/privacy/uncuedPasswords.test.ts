/**
 * Passwords typed with no cue ("I tried Hunter2!xyz and it says wrong"): caught by their shape, as
 * a whole message, or quoted after "tried / typed / entered" in a message about signing in.
 */
import { redactActivityWithReport, redactText } from '../../src/privacy/redact';

/** [message, the raw passwords in it]: realistic messages with no "password is" cue. */
export const CUELESS_PASSWORDS: Array<[string, string[]]> = [
  ['I tried Hunter2!xyz and it says wrong', ['Hunter2!xyz']],
  ["it was Summer2024! but it doesn't work", ['Summer2024!']],
  ['Tr0ub4dor&3', ['Tr0ub4dor&3']],
  ['Bluebird#77', ['Bluebird#77']],
  ['sunshine77', ['sunshine77']],
  ['Hunter22', ['Hunter22']],
  ['password123?', ['password123']],
  ['s3cur1ty', ['s3cur1ty']],
  ['"Hello123!"', ['Hello123!']],
  ['Apple2024!', ['Apple2024!']],
  ['8Bx#kL2p', ['8Bx#kL2p']],
  ['dragon_fly77', ['dragon_fly77']],
  ['iloveyou22.', ['iloveyou22']],
  ['i typed Pa$$w0rd and it keeps saying incorrect', ['Pa$$w0rd']],
  ['tried Winter2023# and Winter2024# neither works', ['Winter2023#', 'Winter2024#']],
  ['I entered MyDog*Rex1 three times', ['MyDog*Rex1']],
  ['is it case sensitive? I used CorrectHorse9!', ['CorrectHorse9']],
  ['iCloud keeps rejecting Qwerty!234 on my iPhone 15', ['Qwerty!234']],
  ['maybe it is Jenny8675309?', ['Jenny8675309']],
  ['I always use London#2019 for everything', ['London#2019']],
  ['was it Football123!', ['Football123']],
  ['my son set it to Minecraft4Life', ['Minecraft4Life']],
  ["it won't take abc123XYZ", ['abc123XYZ']],
  ['the one on the sticky note says Kx7-pQ2-mZ9', ['Kx7-pQ2-mZ9']],
  ["P@ssw0rd2024 doesn't work on my iPhone 15", ['P@ssw0rd2024']],
  ['Sign-in fails with Marley&Me2015', ['Marley&Me2015']],
  ['it says wrong when I put Dublin_1988x', ['Dublin_1988x']],
  ['Charlie.Brown99 is what I always type', ['Charlie.Brown99']],
  ['zxcvbnm!23 maybe?', ['zxcvbnm!23']],
  ["I reset it to NewPass#2025 this morning and now it won't sync", ['NewPass#2025']],
  ['old one was Rover1234, new one is Rover12345!', ['Rover1234', 'Rover12345']],
  ['G00dMorning', ['G00dMorning']],
  ['Mango$tango9 (with the dollar sign)', ['Mango$tango9']],
  ["I wrote down 7Kd!9fQz but it isn't accepted", ['7Kd!9fQz']],
  ["it's probably Bailey2010 or Bailey2011", ['Bailey2010', 'Bailey2011']],
  ["the router one is NetgearHome55 but the iCloud one I don't remember", ['NetgearHome55']],
  ['typed it like this: Jupiter!Moon3', ['Jupiter!Moon3']],
  ['Password1! is what I use everywhere', ['Password1']],
  ['i think its Cupcake#1', ['Cupcake#1']],
  ['FaceTime4Me!', ['FaceTime4Me']],
  ['ok tried Ch@rlie2 still locked', ['Ch@rlie2']],
  ["my kid's name and year, Ethan2016!", ['Ethan2016']],
  ["I tried 'blue sky 77' and it said incorrect password", ['blue sky 77']],
  ['typed "correct horse battery staple" and it says the Apple ID or password is wrong', ['correct horse battery staple']],
  ['I entered “Maple Leaf 1984” at the sign in screen', ['Maple Leaf 1984']],
  ["I've tried both 'rosebud' and 'rosebud one' to sign in", ['rosebud', 'rosebud one']],
  ["I used 'letmein!' to log in yesterday", ['letmein!']],
  ["i keyed in 'purple monkey dishwasher' but no luck signing in", ['purple monkey dishwasher']],
  // Tester round 12 (A1): unquoted words said to be typed or tried, with letters and digits only,
  // and a second one beside a first already caught by its shape.
  ['i keep typing bluefish77 and it says wrong', ['bluefish77']],
  ['i tried iloveyou99 too', ['iloveyou99']],
  ['tried Fluffy!2019 and fluffy2019', ['Fluffy!2019', 'fluffy2019']],
  ['typed in hunter2 and still wrong', ['hunter2']],
  ['entered abc123 as password', ['abc123']],
];

/** Tester round 12 (A1): what follows an address after a slash or colon, shaped like a password. */
describe('a password after an address', () => {
  it('"sam@icloud.com / bluefish77": both hidden, each by its own marker', () => {
    const result = redactText('my login is sam@icloud.com / bluefish77');
    expect(result.text).toBe('my login is [redacted email] / [redacted password]');
  });

  it.each([['sam@icloud.com: that is my apple id'], ['me@example.com / 07700 900123'], ['jane@example.com, thanks']])('"%s": no password after the address', (message) => {
    expect(redactText(message).redactions.map((r) => r.kind)).not.toContain('password');
  });
});

/** Ordinary messages with words that are close to a password's shape: left exactly as typed. */
const LOOKALIKES: string[] = [
  "I'm on iOS18.2.1 and it still fails",
  'iOS17.4',
  "my MacBookPro18,3 won't sync",
  'model A2849 with the M2 chip',
  "my iPhone15ProMax won't back up",
  'iPhone15',
  'I upgraded to 200GB last week',
  '200GB',
  'error -54 when copying to iCloud Drive',
  'error 0x8007000E on Windows',
  'Error-1009 again',
  'it happened between 10:30am-11:45pm',
  'last sync 2024-05-12T09:30:00Z',
  'I asked @AppleSupport on X',
  'see https://support.apple.com/en-us/HT204053',
  'go to support.apple.com/HT204053 please',
  'iCloud.com shows the photos',
  'Settings>Apple>iCloud>Photos is on',
  'the folder ~/Library/Mobile is empty',
  '/Downloads',
  'C:\\Users\\Jane\\iCloudDrive is empty',
  "it's IMG_4521.HEIC that won't upload",
  'Windows11 with iCloud for Windows 15.1',
  'Windows11',
  'I use 1Password for my passwords',
  'what is a 10-sided dice',
  'Photos,Contacts and Calendars stopped',
  'hey <at>Resync</at> help',
  'open **Settings** then _iCloud_',
  'request 3f2a9c1e-8b7d-4e6f-a1b2-c3d4e5f60718 failed',
  'order W123456789 for MK2E3LL/A',
  "it's on 2.4GHz Wi-Fi",
  'the x86_64 build of iCloud',
  'Canon MF8040Cn printer',
  "I tried 'Optimize iPhone Storage' and photos still won't sync",
  "I typed 'Forgot password?' like the page said",
  'I tried "Sign Out" then signed in again',
  'iCloud+',
  'Wi-Fi',
  'e-mail',
  'thanks!',
  'WhatsApp!',
  'FaceTime',
  'Photos&Notes',
  '2FA',
  'macOS14.6',
  '10:30pm',
  '@jane_doe',
  'enabled=1',
  'option3',
  'Mapper(and the rest)',
  "it's iCloud Drive's fault",
  // After a verb of trying, ordinary words, sizes, models and versions stay (round 12).
  'i tried restarting and updating to ios17',
  'tried 50gb and 200gb plans',
  'i tried iphone15 and ipad',
  'typed the 6-digit code',
  'i tried the 2-step code',
  'i tried 3 times',
  'i tried icloud.com',
  'tried windows11 and macos14',
  'trying **Back Up Now** again',
];

describe('passwords with no cue are redacted', () => {
  it.each(CUELESS_PASSWORDS)('%s', (message, secrets) => {
    const result = redactText(message);
    for (const secret of secrets) expect(result.text).not.toContain(secret);
    expect(result.text).toContain('[redacted password]');
    expect(result.redactions).toEqual([{ kind: 'password', count: secrets.length }]);
  });

  it('keeps the words, wrappers and sentence punctuation around the password', () => {
    expect(redactText('I tried Hunter2!xyz and it says wrong').text).toBe('I tried [redacted password] and it says wrong');
    expect(redactText('it was (Summer2024!), no luck').text).toBe('it was ([redacted password]), no luck');
    // A "!" at the end is taken as the password's last character.
    expect(redactText('I used CorrectHorse9!').text).toBe('I used [redacted password]');
    expect(redactText(' "Hello123!" ').text).toBe(' "[redacted password]" ');
    expect(redactText("I typed 'blue sky 77' and it said wrong").text).toBe('I typed [redacted password] and it said wrong');
  });

  it('is idempotent', () => {
    for (const [message] of CUELESS_PASSWORDS) {
      const once = redactText(message).text;
      expect(redactText(once)).toEqual({ text: once, redactions: [] });
    }
  });
});

describe('words that only look like passwords stay as typed', () => {
  it.each(LOOKALIKES.map((t) => [t]))('%s', (message) => {
    expect(redactText(message)).toEqual({ text: message, redactions: [] });
  });
});

describe('what makes a quoted string a password', () => {
  it('needs a message about signing in', () => {
    expect(redactText("I tried 'blue sky 77' on the Mac").text).toBe("I tried 'blue sky 77' on the Mac");
    expect(redactText("I tried 'blue sky 77' on the Mac and it says wrong").text).toBe('I tried [redacted password] on the Mac and it says wrong');
  });

  it('needs a verb of trying right before it', () => {
    const message = "the button says 'blue sky' and sign in fails";
    expect(redactText(message).text).toBe(message);
  });

  it('does not take an apostrophe for a quote', () => {
    const message = "I tried 'em all and it's still wrong";
    expect(redactText(message).text).toBe(message);
  });
});

describe('a whole message that is one token', () => {
  it('is judged more loosely than a word in a sentence', () => {
    expect(redactText('sunshine77').text).toBe('[redacted password]');
    expect(redactText('it was sunshine77 I think').text).toBe('it was sunshine77 I think');
  });

  it('is only a message in the text of an activity, not in a card value', () => {
    const { activity } = redactActivityWithReport({ type: 'message', text: 'sunshine77', value: { choice: 'sunshine77' }, channelData: { note: 'sunshine77' } });
    expect(activity.text).toBe('[redacted password]');
    // A password found in the text is removed from the rest of the activity too...
    expect(JSON.stringify(activity.value)).not.toContain('sunshine77');
    // ...but a card value alone is not a message: only the stronger shape rule applies there.
    const alone = redactActivityWithReport({ type: 'message', value: { choice: 'sunshine77', typed: 'Hunter2!xyz' } });
    expect(alone.activity.value).toEqual({ choice: 'sunshine77', typed: '[redacted password]' });
  });
});

describe('echoes of a password found without a cue', () => {
  it('are scrubbed through the secrets the report returns', () => {
    const { activity, secrets } = redactActivityWithReport({ type: 'message', text: 'I tried Hunter2!xyz and it says wrong' });
    expect(activity.text).toBe('I tried [redacted password] and it says wrong');
    expect(secrets).toEqual([{ kind: 'password', value: 'Hunter2!xyz' }]);
    const echo = redactText('You said Hunter2!xyz, right?', { knownSecrets: secrets });
    expect(echo.text).toBe('You said [redacted password], right?');
  });

  it('a lone password is reported whole, quotes taken off', () => {
    const { secrets } = redactActivityWithReport({ type: 'message', text: '"Tr0ub4dor&3"' });
    expect(secrets).toEqual([{ kind: 'password', value: 'Tr0ub4dor&3' }]);
  });
});
