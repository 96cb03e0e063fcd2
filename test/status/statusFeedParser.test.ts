import { extractOutermostObject, isActiveEvent, MalformedStatusError, parseStatusBody } from '../../src/status/statusFeedParser';
import { readStatusFixture } from './fakeStatusFeedServer';

describe('extractOutermostObject', () => {
  it('returns the object inside a callback wrapper', () => {
    expect(extractOutermostObject('jsonCallback({"a":{"b":1}});\n')).toBe('{"a":{"b":1}}');
  });

  it('ignores braces and escaped quotes inside strings', () => {
    const inner = '{"m":"a } b \\" { c","n":{"x":"}"}}';
    expect(extractOutermostObject(`cb(${inner}); {"later": 1}`)).toBe(inner);
  });

  it('rejects a body without an object or with an unclosed one', () => {
    expect(() => extractOutermostObject('jsonCallback();')).toThrow(MalformedStatusError);
    expect(() => extractOutermostObject('cb({"a": {"b": 1}')).toThrow(/not closed/);
  });
});

describe('parseStatusBody', () => {
  it('parses plain JSON and the callback form to the same services', () => {
    const plain = parseStatusBody(readStatusFixture('icloud-drive-outage.json'));
    const wrapped = parseStatusBody(readStatusFixture('icloud-drive-outage-callback.js'));
    expect(wrapped).toEqual(plain);
    expect(plain.map((s) => s.serviceName)).toEqual(['iCloud Drive', 'Photos', 'iCloud Calendar']);
  });

  it('keeps only active events and maps their fields', () => {
    const [drive, photos, calendar] = parseStatusBody(readStatusFixture('icloud-drive-outage.json'));
    expect(drive.activeEvents).toHaveLength(1);
    const event = drive.activeEvents[0];
    expect(event.statusType).toBe('Outage');
    expect(event.eventStatus).toBe('ongoing');
    expect(event.usersAffected).toBe('Some users are affected');
    expect(event.start?.toISOString()).toBe(new Date(1767261600000).toISOString());
    expect(event.message).toContain('unable to upload or download');
    expect(photos.activeEvents).toEqual([]);
    expect(calendar.activeEvents).toEqual([]); // maintenance completed
  });

  it('is lenient about missing optional fields', () => {
    const [svc] = parseStatusBody('{"services":[{"serviceName":"Mail","events":[{"statusType":"Issue","eventStatus":"upcoming"}]},{"serviceName":"Notes"}]}');
    expect(svc.activeEvents[0]).toEqual({ statusType: 'Issue', eventStatus: 'upcoming', usersAffected: '', start: null, message: '' });
  });

  it.each(['malformed.json', 'truncated.json', 'not-json.txt'])('rejects %s', (name) => {
    expect(() => parseStatusBody(readStatusFixture(name))).toThrow(MalformedStatusError);
  });

  it('treats resolved and completed (any case) as finished', () => {
    expect(isActiveEvent('Resolved')).toBe(false);
    expect(isActiveEvent('completed')).toBe(false);
    expect(isActiveEvent('ongoing')).toBe(true);
    expect(isActiveEvent('upcoming')).toBe(true);
  });
});
