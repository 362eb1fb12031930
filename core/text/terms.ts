/** How much a matched word says about a question: generic government words say little. */
const GENERIC = new Set([
  "三门峡", "三门峡市", "三门", "门峡", "市", "全市", "我市", "工作", "推进", "加强", "建设", "发展", "政府", "人民", "人民政府", "实施", "开展",
  "进一步", "提升", "提高", "完善", "推动", "加快", "落实", "有关", "各级", "部门", "单位", "管理", "服务", "要求", "重点", "做好", "坚持",
  "全面", "积极", "持续", "深入", "问题", "情况", "方面", "县", "区", "市区", "年度", "今年", "明年", "去年", "机制", "体系", "制度",
]);

export function termWeight(term: string): number {
  if (GENERIC.has(term)) return 0.25;
  if (/^\d+$/.test(term)) return term.length === 4 ? 0.8 : 0.5;
  const len = [...term].length;
  return len >= 4 ? 1.6 : len === 3 ? 1.3 : len === 2 ? 1 : 0.3;
}
