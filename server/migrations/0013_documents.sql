-- Documents (文书, DOMAIN.md §5.3–5.5): templates kept as data and versioned, document numbers
-- (文号) per issuing unit, year and series, and the documents issued for a case, stored immutably.

-- Templates: every edit is a new version; the highest version of a kind is the one in use.
-- Placeholders are {{name}}; the body is one paragraph per line, a line starting with a Chinese
-- numeral heading ("一、") is set in 黑体. number_code is the series word of the 文号 (机关代字),
-- NULL for papers the parties sign (no 文号).
CREATE TABLE document_templates (
  kind         text NOT NULL CHECK (kind IN (
                 'acceptance_notice','rejection_notice','non_reacceptance_notice','transfer_slip',
                 'extension_notice','handling_opinion','review_opinion','recheck_opinion',
                 'supervision_order','mediation_agreement','judicial_confirmation_application',
                 'false_mediation_notice','judicial_confirmation_undertaking','hearing_notice',
                 'expert_review_opinion','petition_closure_commitment')),
  version      integer NOT NULL CHECK (version >= 1),
  name         text NOT NULL,
  title        text NOT NULL,
  addressee    text,
  body         text NOT NULL,
  signature    text,
  number_code  text,
  has_seal     boolean NOT NULL DEFAULT true,
  note         text,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, version)
);
CREATE TRIGGER document_templates_append_only BEFORE UPDATE OR DELETE ON document_templates
  FOR EACH ROW EXECUTE FUNCTION laiban_append_only();

-- 文号 counters: one row per issuing unit, year and series. The issuing transaction increments the
-- row (a row lock), so two clerks never get the same number and a rolled-back issue gives its
-- number back: the series has no gaps.
CREATE TABLE document_numbers (
  unit_id  uuid NOT NULL REFERENCES org_units(id),
  year     integer NOT NULL,
  series   text NOT NULL,
  last_no  integer NOT NULL CHECK (last_no >= 1),
  PRIMARY KEY (unit_id, year, series)
);

-- Issued documents. The DOCX lies in attachment storage under storage_key with its sha256; the
-- fields it was rendered from are kept so a redacted copy can be produced for other units.
-- Rows are never changed: re-issuing adds the next version.
CREATE TABLE case_documents (
  case_id           uuid NOT NULL REFERENCES cases(id),
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  kind              text NOT NULL,
  version           integer NOT NULL CHECK (version >= 1),
  doc_no            text,
  title             text NOT NULL,
  template_version  integer NOT NULL,
  fields            jsonb NOT NULL,
  issuing_unit_id   uuid NOT NULL REFERENCES org_units(id),
  issued_on         date NOT NULL,
  storage_key       text NOT NULL,
  size              bigint NOT NULL,
  sha256            text NOT NULL,
  issued_by         uuid REFERENCES users(id),
  issued_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, id),
  UNIQUE (case_id, kind, version)
);
CREATE TRIGGER case_documents_append_only BEFORE UPDATE OR DELETE ON case_documents
  FOR EACH ROW EXECUTE FUNCTION laiban_append_only();

-- The default templates (version 1).
INSERT INTO document_templates (kind, version, name, title, addressee, body, signature, number_code, has_seal, note) VALUES
('acceptance_notice', 1, '受理告知书', '信访事项受理告知书', '{{petitionerNames}}',
$t$你（们）于{{receivedDate}}提出的“{{title}}”信访事项（编号：{{caseNo}}）已收悉。根据《信访工作条例》第二十三条的规定，经审查，该事项属于本机关职责范围，本机关决定予以受理。
本机关将依照《信访工作条例》第三十二条至第三十四条的规定，自受理之日起60日内办结，预计办结期限为{{handleDueDate}}；情况复杂的，经批准可以适当延长办理期限，并告知延期理由。
你（们）可以凭信访事项编号通过{{queryMethod}}查询办理进展。联系人：{{contactPerson}}，联系电话：{{contactPhone}}。
特此告知。$t$, '{{issuingUnit}}', '信受', true, NULL),

('rejection_notice', 1, '不予受理告知书', '信访事项不予受理告知书', '{{petitionerNames}}',
$t$你（们）于{{receivedDate}}提出的“{{title}}”信访事项（编号：{{caseNo}}）已收悉。
经审查，{{rejectReason}}。根据{{rejectBasis}}的规定，本机关决定不予受理。
{{redirect}}
特此告知。$t$, '{{issuingUnit}}', '信不受', true, NULL),

('non_reacceptance_notice', 1, '不再受理告知书', '信访事项不再受理告知书', '{{petitionerNames}}',
$t$你（们）于{{receivedDate}}提出的“{{title}}”信访事项（编号：{{caseNo}}）已收悉。
经查，你（们）反映的事项已作为信访事项{{terminatedCaseNo}}依法办理，并经复查、复核程序作出复核意见。你（们）本次以同一事实和理由再次提出：{{reason}}。
根据《信访工作条例》第三十六条第三款的规定，各级党委和政府信访部门和其他机关、单位不再受理。如有新的事实和理由，你（们）可以另行提出。
特此告知。$t$, '{{issuingUnit}}', '信不再受', true, NULL),

('transfer_slip', 1, '转送/交办单', '信访事项{{transferKind}}单', '{{toUnit}}',
$t$现将{{petitionerNames}}反映的“{{title}}”信访事项（编号：{{caseNo}}，登记日期：{{receivedDate}}）{{transferKind}}你单位，请依照《信访工作条例》的规定办理。
一、基本情况
{{facts}}
二、主要诉求
{{demands}}
三、办理要求
{{transferReason}}。请于{{feedbackDueDate}}前将办理情况反馈本机关；交办事项办结后报送办结报告。
{{confidentialityMark}}$t$, '{{issuingUnit}}', '信转', true, NULL),

('extension_notice', 1, '延期告知书', '信访事项延期办理告知书', '{{petitionerNames}}',
$t$你（们）提出的“{{title}}”信访事项（编号：{{caseNo}}），本机关已于{{acceptedDate}}受理。
因{{extensionReason}}，经本机关负责人批准，根据《信访工作条例》第三十四条的规定，办理期限延长{{extensionDays}}日，延长后的办结期限为{{newDueDate}}。
特此告知。$t$, '{{issuingUnit}}', '信延', true, NULL),

('handling_opinion', 1, '处理意见书/答复意见书', '信访事项处理意见书', '{{petitionerNames}}',
$t$你（们）于{{receivedDate}}提出的“{{title}}”信访事项（编号：{{caseNo}}），本机关已于{{acceptedDate}}受理。经调查核实，现答复如下：
一、信访请求
{{demands}}
二、事实和理由
{{facts}}
三、处理意见
{{opinionText}}
经研究，本机关对你（们）的请求{{opinionOutcome}}。
四、法律法规依据
{{legalBasis}}
如对本处理意见不服，可以自收到本意见书之日起30日内，向{{reviewOrgan}}请求复查。$t$, '{{issuingUnit}}', '信处', true, NULL),

('review_opinion', 1, '复查意见书', '信访事项复查意见书', '{{petitionerNames}}',
$t$你（们）不服{{originalUnit}}作出的信访事项处理意见（编号：{{caseNo}}），于{{reviewRequestedDate}}向本机关提出复查请求。本机关依照《信访工作条例》第三十五条的规定进行了复查，现将复查意见告知如下：
{{reviewText}}
复查结论：{{reviewDecision}}。
如对本复查意见不服，可以自收到本意见书之日起30日内，向{{recheckOrgan}}请求复核。$t$, '{{issuingUnit}}', '信复查', true, NULL),

('recheck_opinion', 1, '复核意见书', '信访事项复核意见书', '{{petitionerNames}}',
$t$你（们）不服{{reviewUnit}}作出的复查意见（编号：{{caseNo}}），于{{recheckRequestedDate}}向本机关提出复核请求。本机关依照《信访工作条例》第三十六条的规定进行了复核，现将复核意见告知如下：
{{recheckText}}
复核结论：{{recheckDecision}}。
本复核意见为信访程序的最终意见。你（们）对本复核意见不服，仍以同一事实和理由提出信访事项的，各级党委和政府信访部门和其他机关、单位不再受理。$t$, '{{issuingUnit}}', '信复核', true, NULL),

('supervision_order', 1, '督办单', '信访事项督办单', '{{targetUnit}}',
$t${{petitionerNames}}反映的“{{title}}”信访事项（编号：{{caseNo}}），由你单位承办。
督办事由：{{supervisionReason}}。
根据《信访工作条例》第三十八条至第四十条的规定，请你单位依法依规抓紧办理，并于{{supervisionDueDate}}前将办理情况书面反馈本机关。$t$, '{{issuingUnit}}', '信督', true, NULL),

('mediation_agreement', 1, '调解协议书', '人民调解协议书', NULL,
$t$当事人：{{partiesInfo}}
调解组织：{{mediationOrganisation}}；调解员：{{mediators}}
一、纠纷的主要事实、争议事项
{{disputeFacts}}
二、各方当事人的责任
{{responsibilities}}
三、经调解，各方当事人自愿达成如下协议
{{agreementTerms}}
四、履行方式和期限
{{performance}}
本协议自各方当事人签名、盖章或者按指印，调解员签名并加盖调解委员会印章之日起生效。本协议一式{{copies}}份，当事人各执一份，调解委员会留存一份。
当事人（签名、盖章或按指印）：＿＿＿＿＿＿＿＿
调解员（签名）：＿＿＿＿＿＿＿＿$t$, '{{mediationOrganisation}}', '调', true, NULL),

('judicial_confirmation_application', 1, '司法确认申请书', '司法确认申请书', NULL,
$t$申请人：{{applicants}}
请求事项：请求确认申请人于{{agreementDate}}经{{mediationOrganisation}}调解达成的调解协议有效。
事实和理由：申请人之间因{{disputeSummary}}发生纠纷，经{{mediationOrganisation}}调解，于{{agreementDate}}自愿达成调解协议，协议自各方签字并加盖调解组织印章之日起生效。根据《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条的规定，申请人在调解协议生效之日起三十日内共同提出本申请。
申请人共同承诺：出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；如因协议内容给他人造成损害，愿意承担相应的民事责任和其他法律责任。
此致
{{court}}
申请人（签名）：＿＿＿＿＿＿＿＿$t$, NULL, NULL, false, NULL),

('false_mediation_notice', 1, '虚假调解法律责任告知书', '虚假调解法律责任告知书', '{{parties}}',
$t$根据《中华人民共和国民事诉讼法》第一百一十五条的规定，当事人之间恶意串通，企图通过诉讼、调解等方式侵害国家利益、社会公共利益或者他人合法权益的，人民法院应当驳回其请求，并根据情节轻重予以罚款、拘留；构成犯罪的，依法追究刑事责任。
根据《中华人民共和国刑法》第三百零七条之一的规定，以捏造的事实提起民事诉讼，妨害司法秩序或者严重侵害他人合法权益的，构成虚假诉讼罪。
请各方当事人如实陈述纠纷事实，不得通过虚假调解或者申请司法确认等方式损害他人合法权益。
以上内容本人已阅读并知悉。
当事人（签名）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日$t$, '{{mediationOrganisation}}', NULL, false, NULL),

('judicial_confirmation_undertaking', 1, '申请司法确认承诺书', '申请司法确认承诺书', '{{court}}',
$t$申请人{{applicants}}就{{agreementDate}}经{{mediationOrganisation}}调解达成的调解协议共同向你院申请司法确认，现郑重承诺：
一、申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为。
二、申请人提交的材料真实、合法，如有不实，愿意承担相应的法律责任。
三、如因协议内容给他人造成损害，愿意承担相应的民事责任和其他法律责任。
承诺人（签名）：＿＿＿＿＿＿＿＿$t$, NULL, NULL, false, NULL),

('hearing_notice', 1, '听证通知书', '信访事项听证通知书', '{{parties}}',
$t$关于{{petitionerNames}}提出的“{{title}}”信访事项（编号：{{caseNo}}），本机关决定举行听证。现将有关事项通知如下：
一、听证时间：{{hearingTime}}
二、听证地点：{{hearingPlace}}
三、听证主持人：{{hearingHost}}；听证员：{{panel}}
四、请准时参加，并携带身份证明及有关证据材料。
特此通知。$t$, '{{issuingUnit}}', '信听', true, NULL),

('expert_review_opinion', 1, '专家评审意见书', '信访事项专家评审意见书', NULL,
$t${{petitionerNames}}对{{replyingUnit}}作出的答复意见（信访事项编号：{{caseNo}}）不服，申请专家评审。评审专家{{experts}}于{{reviewDate}}对该事项进行了评审，意见如下：
一、合法性评审意见
{{legalityOpinion}}
二、合理性评审意见
{{reasonablenessOpinion}}
三、评审结论
{{conclusion}}（表决情况：{{vote}}）
评审专家（签名）：＿＿＿＿＿＿＿＿$t$, '{{issuingUnit}}', '信评', true, NULL),

('petition_closure_commitment', 1, '息诉罢访承诺书', '息诉罢访承诺书', NULL,
$t$本人{{petitionerNames}}，就“{{title}}”信访事项（编号：{{caseNo}}），经{{resolutionSummary}}，本人对处理结果表示满意。
本人自愿作出本声明。本声明是对处理结果满意的表示，不影响本人依法申请复查、复核以及提起诉讼等法定权利。
声明人（签名）：＿＿＿＿＿＿＿＿$t$, NULL, NULL, false, NULL);
