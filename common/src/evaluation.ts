/**
 * The Chinese names of the evaluation figures, shared by the web page and the reports the server
 * writes (月报, 季度通报), so a figure is called the same on screen and on paper.
 */
export const RATE_LABELS_ZH = {
  timelyAcceptance: '及时受理率',
  onTimeCompletion: '按期办结率',
  satisfaction: '群众满意率',
  participation: '参评率',
  oneTimeResolution: '一次性化解率',
  repeat: '重复信访率',
  onTheSpot: '就地解决率',
  groupVisit: '集体访占比',
};

export const COUNT_LABELS_ZH = {
  received: '受理件次',
  matters: '信访件数',
  visitBatches: '来访批次',
  visitPersons: '来访人次',
  groupVisits: '集体访批次',
  groupPersons: '集体访人次',
  repeats: '重复件次',
  delivered: '答复送达',
};

export const COUNT_UNITS_ZH = {
  received: '件次',
  matters: '件',
  visitBatches: '批次',
  visitPersons: '人次',
  groupVisits: '批次',
  groupPersons: '人次',
  repeats: '件次',
  delivered: '件',
};
