/**
 * Case documents generated from case data: 立案审批表, 事先告知书, 行政处罚决定书, 送达回证 — PDF via pdfkit with
 * the Noto Sans SC font embedded as a subset (only the glyphs used).
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
  CIRCUMSTANCE_LABELS,
  type Circumstance,
  DOCUMENT_KINDS,
  type DocumentKind,
  PENALTY_KIND_LABELS,
  type PenaltyKind,
} from '../../../common/enums.js';
import { AppError } from '../../platform/errors.js';
import { longDate } from '../../../common/dates.js';
import { yuanExact } from '../../../common/money.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export { DOCUMENT_KINDS, type DocumentKind };
export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  filing_approval: '立案审批表',
  prior_notice: '行政处罚事先告知书',
  decision: '行政处罚决定书',
  delivery_receipt: '送达回证',
};

export interface CaseForDocument {
  number: string;
  orgName: string;
  item: { name: string; legalBasis?: { law: string; article: string } } | null;
  party: { kind: string; name: string; idNumber: string | null; uscc: string | null };
  facts: string;
  occurredAt: string;
  filedAt: string | null;
  notifiedAt: string | null;
  intended: { circumstance?: string; penaltyKinds?: string[]; amountFen?: number } | null;
  hearingRights: boolean;
  decision: {
    circumstance?: string;
    penaltyKinds?: string[];
    amountFen?: number;
    deviationReason?: string;
    benchmark?: { version: number; ownerOrgName: string } | null;
    tier?: string | null;
  } | null;
  decidedAt: string | null;
  deliveredAt: string | null;
  deliveryMethod?: string | null;
  officers: { name: string }[];
  /** 一案一码: the decision ends with the QR code for this public page. */
  caseCode?: string | null;
  publicUrl?: string | null;
}

const date = (iso: string | null) => (iso ? longDate(iso) : '____年__月__日');
const yuan = (fen: number | undefined) => yuanExact(fen ?? 0);
const kinds = (k: string[] | undefined) =>
  (k ?? []).map((x) => PENALTY_KIND_LABELS[x as PenaltyKind] ?? x).join('、') || '无';
/** "罚款 20,000.00 元", with the other kinds before it: 警告，罚款 … */
const penaltyText = (p: { penaltyKinds?: string[]; amountFen?: number } | null | undefined) => {
  const others = (p?.penaltyKinds ?? []).filter((k) => k !== 'fine');
  const parts = [...(others.length > 0 ? [kinds(others)] : []), ...(p?.amountFen ? [`罚款 ${yuan(p.amountFen)}`] : [])];
  return parts.join('，') || '无';
};

/** Which documents exist at this point of the procedure. */
export function documentAvailable(
  kind: DocumentKind,
  c: Record<'filedAt' | 'notifiedAt' | 'decidedAt' | 'deliveredAt', unknown>,
): boolean {
  if (kind === 'filing_approval') return c.filedAt !== null;
  if (kind === 'prior_notice') return c.notifiedAt !== null;
  if (kind === 'decision') return c.decidedAt !== null;
  return c.deliveredAt !== null;
}

export async function renderCaseDocument(kind: DocumentKind, c: CaseForDocument): Promise<Buffer> {
  if (!documentAvailable(kind, c))
    throw new AppError(409, 'document_not_available', `案件尚未进行到可以出具“${DOCUMENT_TITLES[kind]}”的阶段`);
  const qr =
    kind === 'decision' && c.publicUrl
      ? await QRCode.toBuffer(c.publicUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 })
      : null;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    info: { Title: `${DOCUMENT_TITLES[kind]} ${c.number}`, Author: c.orgName },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('bold').fontSize(16).text(c.orgName, { align: 'center' });
  doc.moveDown(0.3).fontSize(20).text(DOCUMENT_TITLES[kind], { align: 'center' });
  doc.moveDown(0.3).font('body').fontSize(11).text(`案号：${c.number}`, { align: 'right' });
  doc.moveDown();
  const para = (label: string, text: string) => {
    doc.font('bold').fontSize(12).text(label, { continued: true }).font('body').text(text);
    doc.moveDown(0.4);
  };
  const party =
    c.party.kind === 'organisation'
      ? `${c.party.name}（统一社会信用代码：${c.party.uscc ?? '未登记'}）`
      : `${c.party.name}（公民身份号码：${c.party.idNumber ?? '未登记'}）`;

  if (kind === 'filing_approval') {
    para('当事人：', party);
    para('案由：', c.item?.name ?? '');
    para('案件来源及基本事实：', c.facts);
    para('违法行为发生时间：', date(c.occurredAt));
    para('立案日期：', date(c.filedAt));
    para('承办人员：', c.officers.map((o) => o.name).join('、') || '待指派');
    para('负责人审批意见：', '同意立案。');
  } else if (kind === 'prior_notice') {
    para('', `${party}：`);
    para('', `经查，你（单位）${c.facts}。上述行为违反了${c.item?.legalBasis?.law ?? '有关法律法规'}的规定。`);
    para('拟作出的行政处罚：', `${penaltyText(c.intended)}。`);
    para(
      '告知：',
      `根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利${c.hearingRights ? '；根据第六十三条、第六十四条的规定，你（单位）有权在收到本告知书之日起五日内要求听证' : ''}。逾期未提出的，视为放弃上述权利。`,
    );
    para('告知日期：', date(c.notifiedAt));
  } else if (kind === 'decision') {
    const d = c.decision;
    para('当事人：', party);
    para('违法事实：', c.facts);
    para(
      '处罚依据：',
      c.item?.legalBasis ? `${c.item.legalBasis.law}${c.item.legalBasis.article.split(/[\s，。]/)[0] ?? ''}` : '',
    );
    para(
      '裁量情节：',
      `${CIRCUMSTANCE_LABELS[d?.circumstance as Circumstance] ?? '—'}${d?.benchmark ? `（适用${d.benchmark.ownerOrgName}行政处罚裁量基准第 ${d.benchmark.version} 版）` : ''}`,
    );
    para('处罚决定：', `${penaltyText(d)}。`);
    if (d?.deviationReason) para('偏离裁量基准的理由：', d.deviationReason);
    para(
      '履行方式：',
      '请于收到本决定书之日起十五日内到指定银行或通过电子支付系统缴纳罚款（罚缴分离）。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。',
    );
    para(
      '救济途径：',
      '如不服本决定，可在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
    );
    para('决定日期：', date(c.decidedAt));
  } else {
    para('受送达人：', party);
    para('送达文书：', `${DOCUMENT_TITLES.decision}（${c.number}）`);
    para('送达方式：', c.deliveryMethod ?? '直接送达');
    para('送达时间：', date(c.deliveredAt));
    para('送达人：', c.officers.map((o) => o.name).join('、'));
    para('受送达人签收：', '________________');
  }
  doc.moveDown(2).font('body').fontSize(12).text(c.orgName, { align: 'right' });
  doc.text(
    date(
      kind === 'decision'
        ? c.decidedAt
        : kind === 'prior_notice'
          ? c.notifiedAt
          : kind === 'filing_approval'
            ? c.filedAt
            : c.deliveredAt,
    ),
    { align: 'right' },
  );
  if (qr && c.publicUrl) {
    // 一案一码: the QR code for the public page, which shows the process, the benchmark applied and the decision
    const size = 96;
    if (doc.y + size + 48 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.moveDown(1.5);
    const top = doc.y;
    doc.image(qr, doc.page.margins.left, top, { width: size, height: size });
    const x = doc.page.margins.left + size + 12;
    doc
      .font('bold')
      .fontSize(10)
      .text('一案一码', x, top + 8);
    doc
      .font('body')
      .fontSize(9)
      .text(`案件码：${c.caseCode ?? ''}`, x, doc.y + 2);
    doc.text('扫码查看本案办理过程、适用的裁量基准和处罚决定，并核验记录未被篡改：', x, doc.y + 2, {
      width: doc.page.width - doc.page.margins.right - x,
    });
    doc.text(c.publicUrl, x, doc.y + 2, { width: doc.page.width - doc.page.margins.right - x });
  }
  doc.end();
  return done;
}
