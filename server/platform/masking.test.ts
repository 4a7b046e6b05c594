/**
 * Masking for published decisions: name masking, free-text scrubbing, the whitelist renderer, and a property that
 * rendered person parties never leak their name, ID number, phone, address or bank account.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkResidentId } from '../../common/identifiers.js';
import {
  type PublicSpec,
  type RenderedParty,
  containsPersonalData,
  definePublicSpec,
  maskPersonName,
  renderParty,
  renderPublic,
  scrubText,
} from './masking.js';

/** GB 11643's own example: a valid resident ID whose check character is X. */
const ID_WITH_X = '11010519491231002X';

describe('maskPersonName', () => {
  it('masks by length: 1, 2, 3 and 4+ characters', () => {
    expect(maskPersonName('张')).toBe('*');
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('张小三')).toBe('张*三');
    expect(maskPersonName('欧阳娜娜')).toBe('欧**娜');
    expect(maskPersonName('阿依古丽·买买提')).toBe('阿******提');
  });

  it('compound surnames keep only their first character', () => {
    expect(maskPersonName('欧阳修')).toBe('欧*修');
    expect(maskPersonName('司马相如')).toBe('司**如');
    expect(maskPersonName('诸葛亮')).toBe('诸*亮');
  });

  it('works on code points, so characters outside the BMP are never split', () => {
    expect(maskPersonName('𠮷')).toBe('*');
    expect(maskPersonName('𠮷三')).toBe('𠮷*');
    expect(maskPersonName('张𠮷')).toBe('张*');
    expect(maskPersonName('李𠮷𠮷')).toBe('李*𠮷');
    expect(maskPersonName('𠮷野家𡈼')).toBe('𠮷**𡈼');
    // No lone surrogate is left behind.
    expect(maskPersonName('李𠮷𠮷')).not.toMatch(/[\uD800-\uDFFF]/u);
  });

  it('trims, and an empty name stays empty', () => {
    expect(maskPersonName('  张三  ')).toBe('张*');
    expect(maskPersonName('   ')).toBe('');
  });
});

describe('scrubText', () => {
  it('masks 18-digit resident IDs, with X or x, and 15-digit old IDs', () => {
    expect(scrubText('身份证号440106199001011234。')).toBe('身份证号440***********1234。');
    expect(scrubText(`公民身份号码：${ID_WITH_X}`)).toBe('公民身份号码：110***********002X');
    expect(scrubText('11010519491231002x')).toBe('110***********002x');
    expect(scrubText('ID440106199001011234')).toBe('ID440***********1234');
    expect(scrubText('旧证 440106900101123')).toBe('旧证 440********1123');
  });

  it('masks mobiles, with or without +86 and separators', () => {
    expect(scrubText('电话13812345678')).toBe('电话138****5678');
    expect(scrubText('tel: 138 1234 5678 / 138-1234-5678')).toBe('tel: 138****5678 / 138****5678');
    expect(scrubText('+86 13812345678，8613912345678')).toBe('+86 138****5678，86139****5678');
  });

  it('masks landlines with an area code', () => {
    expect(scrubText('020-12345678')).toBe('020-****5678');
    expect(scrubText('0755-1234567')).toBe('0755-***4567');
    expect(scrubText('(020)12345678、（0755）12345678')).toBe('(020)****5678、（0755）****5678');
    expect(scrubText('02012345678')).toBe('020****5678');
  });

  it('masks bank cards of 16–19 digits, plain or in groups of four', () => {
    expect(scrubText('卡号6222020200112233')).toBe('卡号**** **** **** 2233');
    expect(scrubText('卡号6222020200112233445')).toBe('卡号**** **** **** 3445');
    expect(scrubText('卡号 6222 0202 0011 2233 445 开户行')).toBe('卡号 **** **** **** 3445 开户行');
    expect(scrubText('6222-0202-0011-2233')).toBe('**** **** **** 2233');
  });

  it('leaves USCCs with letters alone', () => {
    expect(scrubText('统一社会信用代码91440101MA5D123456')).toBe('统一社会信用代码91440101MA5D123456');
    expect(scrubText('腾讯 91440300708461136T。')).toBe('腾讯 91440300708461136T。');
    expect(scrubText('11440000006395015E')).toBe('11440000006395015E');
  });

  it('leaves case numbers, amounts and dates alone', () => {
    const text =
      '穗天市监罚〔2026〕12号：罚款5000元、没收违法所得12,000.00元，共计 1234567.89 元；2026-03-05 作出，2026-03-05T10:00:00.000Z 送达。案件编号 440106-2026-00001，第3条。';
    expect(scrubText(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = scrubText('440106199001011234 13812345678 020-12345678 6222020200112233445');
    expect(scrubText(once)).toBe(once);
  });
});

describe('renderParty', () => {
  it('a person: kind and masked name only', () => {
    const out = renderParty({
      kind: 'person',
      name: '张小三',
      idNumber: ID_WITH_X,
      phone: '13812345678',
      address: '广州市天河区体育西路1号',
      bankAccount: '6222020200112233445',
      uscc: '91440300708461136T',
    });
    expect(out).toStrictEqual({ kind: 'person', name: '张*三' });
  });

  it('an organisation: name and USCC stay, its address and contacts do not', () => {
    const out = renderParty({
      kind: 'organisation',
      name: '广州市某某贸易有限公司',
      uscc: '91440300708461136T',
      address: '广州市天河区体育西路1号',
      phone: '020-12345678',
      legalRepresentative: '张小三',
    });
    expect(out).toStrictEqual({ kind: 'organisation', name: '广州市某某贸易有限公司', uscc: '91440300708461136T' });
    expect(renderParty({ kind: 'organisation', name: '某某合作社' })).toStrictEqual({
      kind: 'organisation',
      name: '某某合作社',
      uscc: null,
    });
  });

  it('rejects anything that is not a person or an organisation', () => {
    expect(() => renderParty({ kind: 'robot' as never, name: 'x' })).toThrow(TypeError);
    expect(() => renderParty({ kind: 'person', name: 42 as never })).toThrow(/\$\.name/);
  });
});

describe('renderPublic', () => {
  const spec = definePublicSpec({
    kind: 'object',
    fields: {
      caseNumber: { kind: 'string' },
      decidedAt: { kind: 'date' },
      amountFen: { kind: 'number' },
      revoked: { kind: 'boolean' },
      penaltyKinds: { kind: 'array', of: { kind: 'enum', values: ['warning', 'fine'] } },
      party: { kind: 'party' },
      officers: {
        kind: 'array',
        of: { kind: 'object', fields: { name: { kind: 'string' }, certificateNo: { kind: 'string' } } },
      },
      reviewer: { kind: 'nullable', of: { kind: 'personName' } },
      basis: { kind: 'nullable', of: { kind: 'object', fields: { article: { kind: 'string' } } } },
    },
  });

  const record = {
    id: 'b2c0c8e4-0000-4000-8000-000000000001',
    caseNumber: '穗天市监罚〔2026〕12号',
    decidedAt: new Date('2026-03-06T02:00:00Z'),
    amountFen: 500_000,
    revoked: false,
    penaltyKinds: ['warning', 'fine'],
    party: {
      kind: 'person',
      name: '张小三',
      idNumber: ID_WITH_X,
      phone: '13812345678',
      address: '广州市天河区体育西路1号',
    },
    officers: [
      { name: '王五', certificateNo: '44010600001', idNumber: '440106199001011234', phone: '13912345678' },
      { name: '赵六', certificateNo: '44010600002', homeAddress: '广州市越秀区中山一路2号' },
    ],
    reviewer: '李四',
    basis: { article: '《中华人民共和国食品安全法》第一百二十四条', internalNote: '电话13812345678' },
    internalNote: '当事人电话13812345678',
  };

  it('copies only the named fields, in nested objects and arrays', () => {
    const out = renderPublic(spec, record);
    expect(out).toStrictEqual({
      caseNumber: '穗天市监罚〔2026〕12号',
      decidedAt: '2026-03-06T02:00:00.000Z',
      amountFen: 500_000,
      revoked: false,
      penaltyKinds: ['warning', 'fine'],
      party: { kind: 'person', name: '张*三' },
      officers: [
        { name: '王五', certificateNo: '44010600001' },
        { name: '赵六', certificateNo: '44010600002' },
      ],
      reviewer: '李*',
      basis: { article: '《中华人民共和国食品安全法》第一百二十四条' },
    });
    const json = JSON.stringify(out);
    expect(json).not.toContain('internalNote');
    expect(json).not.toContain('homeAddress');
    expect(json).not.toContain('13812345678');
    expect(json).not.toContain('b2c0c8e4');
  });

  it('infers the output type from the spec', () => {
    const out = renderPublic(spec, record);
    expectTypeOf(out.caseNumber).toEqualTypeOf<string>();
    expectTypeOf(out.penaltyKinds).toEqualTypeOf<('warning' | 'fine')[]>();
    expectTypeOf(out.party).toEqualTypeOf<RenderedParty>();
    expectTypeOf(out.officers).toEqualTypeOf<{ name: string; certificateNo: string }[]>();
    expectTypeOf(out.reviewer).toEqualTypeOf<string | null>();
    expectTypeOf(out.basis).toEqualTypeOf<{ article: string } | null>();
  });

  it('scrubs string fields as a defence in depth', () => {
    const out = renderPublic(
      { kind: 'object', fields: { facts: { kind: 'string' } } },
      { facts: '当事人张小三（身份证号440106199001011234，电话13812345678）' },
    );
    expect(out.facts).toBe('当事人张小三（身份证号440***********1234，电话138****5678）');
  });

  it('nullable: null or a missing field → null', () => {
    const s = definePublicSpec({
      kind: 'object',
      fields: { a: { kind: 'nullable', of: { kind: 'string' } }, b: { kind: 'nullable', of: { kind: 'number' } } },
    });
    expect(renderPublic(s, { a: null })).toStrictEqual({ a: null, b: null });
    expect(
      renderPublic({ kind: 'array', of: { kind: 'nullable', of: { kind: 'boolean' } } }, [true, null, undefined]),
    ).toStrictEqual([true, null, null]);
  });

  it('reads own fields only, and a __proto__ field cannot change the prototype', () => {
    // A computed key makes __proto__ an own field of the spec (a plain `__proto__:` would set the prototype).
    const s = definePublicSpec({
      kind: 'object',
      fields: {
        toString: { kind: 'nullable', of: { kind: 'string' } },
        ['__proto__']: { kind: 'nullable', of: { kind: 'string' } },
      },
    });
    const out = renderPublic(s, JSON.parse('{"__proto__":"x"}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toBe('{"toString":null,"__proto__":"x"}');
    expect(out.toString).toBeNull();
  });

  it('rejects values that do not fit, naming the path but never the value', () => {
    const bad = (s: PublicSpec, v: unknown, path: RegExp) => {
      let err: unknown;
      try {
        renderPublic(s, v);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TypeError);
      expect((err as Error).message).toMatch(path);
      expect((err as Error).message).not.toContain('13812345678');
    };
    bad(spec, { ...record, caseNumber: 13812345678 }, /\$\.caseNumber/);
    bad(spec, { ...record, amountFen: Number.NaN }, /\$\.amountFen/);
    bad(spec, { ...record, penaltyKinds: ['warning', '13812345678'] }, /\$\.penaltyKinds\[1\]/);
    bad(spec, { ...record, officers: [{ name: '王五' }] }, /\$\.officers\[0\]\.certificateNo/);
    bad(spec, { ...record, decidedAt: '电话13812345678' }, /\$\.decidedAt/);
    bad(spec, { ...record, party: { kind: 'robot', name: '13812345678' } }, /\$\.party\.kind/);
    bad({ kind: 'object', fields: {} }, [], /\$ must be an object/);
    bad({ kind: 'array', of: { kind: 'string' } }, { 0: 'a' }, /\$ must be an array/);
  });

  it('accepts ISO date strings as they are', () => {
    expect(renderPublic({ kind: 'date' }, '2026-03-06')).toBe('2026-03-06');
    expect(renderPublic({ kind: 'date' }, '2026-03-06T10:00:00+08:00')).toBe('2026-03-06T10:00:00+08:00');
  });
});

describe('containsPersonalData', () => {
  const secrets = {
    names: ['张小三'],
    idNumbers: [ID_WITH_X],
    phones: ['+86 138 1234 5678'],
    addresses: ['广州市天河区体育西路1号'],
    bankAccounts: ['6222 0202 0011 2233 445'],
  };

  it('finds each kind of secret', () => {
    expect(containsPersonalData('当事人张小三', secrets)).toBe('name');
    expect(containsPersonalData('11010519491231002x', secrets)).toBe('idNumber');
    expect(containsPersonalData('电话138-1234-5678', secrets)).toBe('phone');
    expect(containsPersonalData('住广州市天河区体育西路1号', secrets)).toBe('address');
    expect(containsPersonalData('{"a":"6222020200112233445"}', secrets)).toBe('bankAccount');
  });

  it('null when only masked forms appear; empty secrets are ignored', () => {
    const masked = scrubText(`张*三 ${ID_WITH_X} 13812345678 6222020200112233445`);
    expect(containsPersonalData(masked, secrets)).toBeNull();
    expect(containsPersonalData('anything', { names: ['', '  '], phones: [''] })).toBeNull();
  });
});

describe('property: rendered person parties leak nothing', () => {
  /** Uncommon characters, some outside the BMP, none of which appear in the note text. */
  const pool = Array.from('邝蔺郗钭阚雎琰翀昶旻彧韪荦赟堃𠮷𡈼𪚥');
  const personName = fc.array(fc.constantFrom(...pool), { minLength: 2, maxLength: 4 }).map((cs) => cs.join(''));

  const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const residentId = fc
    .tuple(
      fc.constantFrom('440106', '440304', '110105', '310115', '510107', '650102'),
      fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2008-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(([region, birth, seq]) => {
      const body = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += Number(body[i]) * (ID_WEIGHTS[i] as number);
      return `${body}${'10X98765432'[sum % 11]}`;
    });
  const mobile = fc
    .tuple(fc.constantFrom(...'3456789'), fc.integer({ min: 0, max: 999_999_999 }))
    .map(([d, rest]) => `1${d}${String(rest).padStart(9, '0')}`);
  const address = fc
    .tuple(
      fc.constantFrom('广州市天河区', '深圳市南山区', '佛山市禅城区'),
      fc.constantFrom('体育西路', '科技园南路', '祖庙路'),
      fc.integer({ min: 1, max: 999 }),
      fc.integer({ min: 101, max: 3208 }),
    )
    .map(([district, road, no, room]) => `${district}${road}${no}号${room}房`);
  const bankAccount = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 18 })
    .map((ds) => `6${ds.join('')}`);

  /** How the note writes a number: as is, split by spaces or hyphens, with +86, in lower case. */
  const phoneForm = fc.constantFrom<(p: string) => string>(
    (p) => p,
    (p) => `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`,
    (p) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`,
    (p) => `+86 ${p}`,
  );
  const cardForm = fc.constantFrom<(b: string) => string>(
    (b) => b,
    (b) => b.replace(/(\d{4})(?=\d)/g, '$1 '),
  );
  const separator = fc.constantFrom('，', ' ', '；', '\n', '、');

  const spec = definePublicSpec({ kind: 'object', fields: { party: { kind: 'party' }, note: { kind: 'string' } } });

  it('JSON of renderPublic contains no name, ID, phone, address or bank account', () => {
    fc.assert(
      fc.property(
        personName,
        residentId,
        mobile,
        address,
        bankAccount,
        fc.boolean(),
        phoneForm,
        cardForm,
        separator,
        (name, idNumber, phone, homeAddress, account, lowerX, writePhone, writeCard, sep) => {
          expect(checkResidentId(idNumber).ok).toBe(true);
          const party = { kind: 'person' as const, name, idNumber, phone, address: homeAddress, bankAccount: account };
          const note = `当事人身份证号${lowerX ? idNumber.toLowerCase() : idNumber}${sep}联系电话${writePhone(phone)}${sep}账号${writeCard(account)}`;
          const json = JSON.stringify(renderPublic(spec, { party, note, extra: party }));
          expect(
            containsPersonalData(json, {
              names: [name],
              idNumbers: [idNumber],
              phones: [phone],
              addresses: [homeAddress],
              bankAccounts: [account],
            }),
          ).toBeNull();
          // No lone surrogate, raw or escaped by JSON.stringify.
          expect(json).not.toMatch(/[\uD800-\uDFFF]/u);
          expect(json).not.toMatch(/\\ud[89a-f]/i);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
