package annexa

// clauses holds ISO/IEC 27001:2022 clauses 4 to 10 and their subclauses in
// canonical order.
var clauses = [...]clause{
	{
		id: "4", title: "Context of the organization",
		documented: "",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"Who in the organization keeps the picture of issues, interested parties and ISMS boundaries up to date, and when was it last revisited?",
			"Can management show how the context analysis shaped the ISMS scope, the risk assessment and the choice of controls?",
		},
		evidence: []string{
			"context analysis output such as a SWOT or PESTLE workshop record",
			"interested parties register",
			"ISMS scope document",
		},
	},
	{
		id: "4.1", title: "Understanding the organization and its context",
		documented: "",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"Which internal and external issues bearing on information security outcomes has the organization listed, and when were they last reviewed?",
			"Has the organization decided whether climate change is a relevant issue for its ISMS, and can it show the reasoning behind that decision?",
			"How are shifts in business strategy, technology, legislation or the threat landscape picked up and added to the list of issues?",
		},
		evidence: []string{
			"documented analysis of internal and external issues",
			"record of the decision on climate change relevance",
			"management review minutes discussing changes in context",
		},
	},
	{
		id: "4.2", title: "Understanding the needs and expectations of interested parties",
		documented: "",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"Which parties has the organization identified as having a stake in the ISMS, and what requirements has it recorded for each of them?",
			"Were interested parties' requirements relating to climate change considered, for example expectations of customers, regulators or insurers?",
			"How did the organization decide which recorded requirements the ISMS will address, and can those be traced to controls or objectives?",
		},
		evidence: []string{
			"interested parties register with their requirements",
			"list of legal, regulatory and contractual obligations",
			"customer contracts or security schedules",
		},
	},
	{
		id: "4.3", title: "Determining the scope of the information security management system",
		documented: "the ISMS scope",
		methods:    mInterview | mDocumentReview | mObservation,
		questions: []string{
			"Does the scope statement name the units, locations, assets and technologies covered, and give a reason for anything left out?",
			"How were interfaces and dependencies with activities outside the scope, including those run by other organizations, taken into account?",
			"Do the sites visited and the asset inventory agree with the boundaries written in the scope statement?",
		},
		evidence: []string{
			"approved ISMS scope statement",
			"site list and network diagrams",
			"asset inventory",
			"list of interfaces and outsourced dependencies",
		},
	},
	{
		id: "4.4", title: "Information security management system",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"How has the organization identified the processes that make up its ISMS and the way they hand work to one another?",
			"Is there evidence from the last cycle that the ISMS has been run, kept up and improved, not only set up?",
			"Can process owners explain the inputs, outputs and hand-offs of the ISMS processes they are responsible for?",
		},
		evidence: []string{
			"ISMS manual or process map",
			"process descriptions with named owners",
			"records of ISMS processes operating over the last cycle",
		},
	},
	{
		id: "5", title: "Leadership",
		documented: "",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"How does top management take an active part in the ISMS instead of leaving it entirely to the security function?",
			"Are the policy and the security roles set from the top and visible to staff across the organization?",
		},
		evidence: []string{
			"interview notes with top management",
			"information security policy",
			"organization chart showing security roles",
		},
	},
	{
		id: "5.1", title: "Leadership and commitment",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Can top management explain how the security policy and objectives support where the business is heading?",
			"What resources did top management approve for the ISMS this period, and how were requests for more handled?",
			"Which examples show security requirements built into everyday business processes such as procurement, projects or hiring?",
			"How does top management signal the importance of information security and back managers who carry security duties?",
		},
		evidence: []string{
			"board or executive meeting minutes covering information security",
			"approved ISMS budget and resource plan",
			"messages from top management on information security",
		},
	},
	{
		id: "5.2", title: "Policy",
		documented: "the information security policy",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"Does the policy fit what the organization does and give a basis for setting its security objectives?",
			"Does the policy state commitments to meeting applicable requirements and to improving the ISMS over time?",
			"How was the policy approved, communicated to staff and, where appropriate, made available to outside parties?",
			"Can staff picked at random say where to find the policy and what it means for their own work?",
		},
		evidence: []string{
			"approved policy with version and approval history",
			"intranet page or distribution records for the policy",
			"staff acknowledgements of the policy",
		},
	},
	{
		id: "5.3", title: "Organizational roles, responsibilities and authorities",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Have responsibilities and authorities for security roles been assigned in writing and made known to the people concerned?",
			"Who has been tasked with keeping the ISMS in line with ISO/IEC 27001 and reporting its performance to top management?",
			"Do the role holders interviewed understand their security duties and the decisions they are entitled to make?",
		},
		evidence: []string{
			"role descriptions or RACI charts",
			"appointment letters for ISMS roles",
			"ISMS performance reports addressed to top management",
		},
	},
	{
		id: "6", title: "Planning",
		documented: "",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"How does the organization link its context, risks and opportunities to the objectives and plans of the ISMS?",
			"Is planning repeated when the business, the context or the risks change, rather than done once for certification?",
		},
		evidence: []string{
			"risk management methodology",
			"risk treatment plan",
			"information security objectives and their plans",
		},
	},
	{
		id: "6.1", title: "Actions to address risks and opportunities",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"How are the risks and opportunities drawn from the context and interested parties turned into planned, owned actions?",
			"How does the organization judge afterwards whether those actions worked?",
		},
		evidence: []string{
			"register of risks and opportunities",
			"action plans with owners and due dates",
			"reviews of action effectiveness",
		},
	},
	{
		id: "6.1.1", title: "General",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Besides information risks, has the organization looked at risks and opportunities for the ISMS itself, such as losing key staff or a new business line?",
			"Which planned actions aim to avoid unwanted outcomes for the ISMS, and which aim to take advantage of chances to improve it?",
			"Are these actions built into ISMS processes, and is there a check on whether they had the intended effect?",
		},
		evidence: []string{
			"ISMS-level risk and opportunity register",
			"action plan entries linked to ISMS processes",
			"management review records on action effectiveness",
		},
	},
	{
		id: "6.1.2", title: "Information security risk assessment",
		documented: "the information security risk assessment process",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Are risk acceptance criteria and criteria for carrying out assessments written down and approved at a suitable management level?",
			"If a sampled risk is re-rated with the documented method, does the auditor get the same result, showing the method is repeatable?",
			"Are risks to confidentiality, integrity and availability within scope identified, and does each one have a named owner?",
			"How are likelihood and impact estimated, and are the resulting risk levels compared with the criteria to rank risks for treatment?",
		},
		evidence: []string{
			"risk assessment methodology",
			"approved risk acceptance criteria",
			"risk register with owners and ratings",
			"sample of completed risk assessment worksheets",
		},
	},
	{
		id: "6.1.3", title: "Information security risk treatment",
		documented: "the risk treatment process, the Statement of Applicability (SoA) and the risk treatment plan",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"For sampled risks, how was the treatment option chosen and how were the controls needed to carry it out determined?",
			"Were the chosen controls checked against Annex A to make sure no necessary control was overlooked?",
			"Does the SoA list the necessary controls, explain why each is included or excluded, and show whether it is implemented?",
			"Did risk owners approve the treatment plan and formally accept the residual risks?",
		},
		evidence: []string{
			"statement of Applicability with justifications",
			"risk treatment plan",
			"risk owner sign-off on residual risks",
			"mapping of risks to selected controls",
		},
	},
	{
		id: "6.2", title: "Information security objectives and planning to achieve them",
		documented: "the information security objectives",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Do the objectives align with the policy, take account of risk assessment and treatment results, and have measures where practicable?",
			"For a sampled objective, is there a plan showing the actions, resources, owner, target date and how achievement will be judged?",
			"How is progress on the objectives tracked and reported, and when were the objectives last updated?",
		},
		evidence: []string{
			"documented information security objectives",
			"action plans for objectives with owners and deadlines",
			"progress reports or KPI dashboards",
		},
	},
	{
		id: "6.3", title: "Planning of changes",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"When the ISMS needs to change, are the changes carried out in a planned way rather than ad hoc?",
			"For a recent change to the ISMS, can the organization show how it was planned, approved, resourced and assessed for impact?",
			"How does the organization recognise that the ISMS needs changing, for example after a reorganization, merger or new regulation?",
		},
		evidence: []string{
			"records of changes made to the ISMS",
			"change plans with impact assessments",
			"steering group or management review minutes approving changes",
		},
	},
	{
		id: "7", title: "Support",
		documented: "",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"Does the ISMS have the people, skills, awareness, communication and documentation it needs to run?",
			"Where support falls short, how is the gap noticed and escalated to someone who can fix it?",
		},
		evidence: []string{
			"resource plan and budget",
			"training and competence records",
			"document control procedure",
		},
	},
	{
		id: "7.1", title: "Resources",
		documented: "",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"How did the organization work out the staff, budget, tools and outside help the ISMS needs?",
			"Are there signs of under-resourcing, such as overdue actions, vacant roles or growing backlogs, and how has management responded?",
		},
		evidence: []string{
			"ISMS budget and resource plan",
			"staffing plan for security roles",
			"reports of overdue actions or backlogs",
		},
	},
	{
		id: "7.2", title: "Competence",
		documented: "evidence of competence",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Has the organization defined what competence each role affecting security performance needs?",
			"For a sample of role holders, do records show education, training or experience matching the defined competence?",
			"Where gaps were found, what was done, such as training or mentoring, and was the effect of that action checked?",
		},
		evidence: []string{
			"competence requirements per role",
			"training records and certificates",
			"CVs or skills matrices",
			"evaluations of training effectiveness",
		},
	},
	{
		id: "7.3", title: "Awareness",
		documented: "",
		methods:    mInterview | mObservation | mRecordSampling,
		questions: []string{
			"When interviewed, can staff describe the policy, their own part in the ISMS and what happens if they ignore security rules?",
			"How are new starters, contractors and existing staff made aware, and how often is awareness refreshed?",
			"Does behaviour seen on site, such as clear desks and locked screens, suggest awareness is working?",
		},
		evidence: []string{
			"awareness programme plan and materials",
			"awareness training attendance records",
			"phishing simulation or quiz results",
		},
	},
	{
		id: "7.4", title: "Communication",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Has the organization decided which ISMS topics to communicate, when, to whom and through which channels?",
			"Who speaks for the organization on security matters to customers, suppliers and authorities?",
			"Do sampled communications match what the communication plan says should happen?",
		},
		evidence: []string{
			"communication plan or matrix",
			"sample internal and external security communications",
			"security newsletters and briefing notes",
		},
	},
	{
		id: "7.5", title: "Documented information",
		documented: "",
		methods:    mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is the ISMS documentation complete, controlled and in proportion to the size and complexity of the organization?",
			"How does the organization make sure people work from current documents and that records are protected?",
		},
		evidence: []string{
			"master list of documents and records",
			"document management system settings",
			"document control procedure",
		},
	},
	{
		id: "7.5.1", title: "General",
		documented: "documented information required by the standard and determined necessary by the organization",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"Does the documentation set contain everything ISO/IEC 27001 explicitly asks to be documented?",
			"How did the organization decide which further documents it needs, and does the amount suit its size, processes and staff competence?",
			"Are there processes that depend on one person's memory where a written procedure or record would be needed?",
		},
		evidence: []string{
			"documentation index mapped to ISO/IEC 27001 requirements",
			"procedures and records the organization has chosen to keep",
		},
	},
	{
		id: "7.5.2", title: "Creating and updating",
		documented: "",
		methods:    mDocumentReview | mRecordSampling,
		questions: []string{
			"Do sampled documents carry identifying details such as a title, date, author or reference, and a version number?",
			"Are documents in a suitable format and medium, and are they reviewed and approved before release?",
			"Is there a traceable record of who reviewed and approved each version?",
		},
		evidence: []string{
			"sample of controlled documents with version tables",
			"approval records in the document system",
			"document templates",
		},
	},
	{
		id: "7.5.3", title: "Control of documented information",
		documented: "",
		methods:    mDocumentReview | mObservation | mTechnicalVerification,
		questions: []string{
			"Can current documents be found where staff need them, and are they protected from unauthorised disclosure, misuse and tampering?",
			"How are access, storage, version changes, retention periods and disposal handled for documents and records?",
			"How are documents from outside the organization, such as laws, standards and supplier manuals, identified and controlled?",
			"Do permissions in the document repository match intended access, and are superseded versions kept out of use?",
		},
		evidence: []string{
			"document repository access rights",
			"records retention schedule",
			"register of external documents",
			"version history in the document management system",
		},
	},
	{
		id: "8", title: "Operation",
		documented: "",
		methods:    mInterview | mObservation | mRecordSampling,
		questions: []string{
			"Are the processes planned under clause 6 actually running day to day, and how does management know?",
			"Are risk assessments and risk treatments carried out and kept current while the ISMS operates?",
		},
		evidence: []string{
			"operating procedures",
			"risk assessment and treatment records",
			"operational logs and tickets",
		},
	},
	{
		id: "8.1", title: "Operational planning and control",
		documented: "documented information showing processes are carried out as planned",
		methods:    mInterview | mObservation | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"What criteria has the organization set for its ISMS processes, and how are the processes kept within them?",
			"Do sampled operational records show that ISMS processes ran the way they were planned?",
			"For recent changes, were planned ones authorised beforehand and unplanned ones reviewed for side effects and followed up?",
			"How does the organization keep control of outsourced processes and supplied products or services that matter to the ISMS?",
		},
		evidence: []string{
			"process criteria and operating procedures",
			"change management records",
			"supplier monitoring reports",
			"operational logs and tickets",
		},
	},
	{
		id: "8.2", title: "Information security risk assessment",
		documented: "results of the information security risk assessments",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Are risk assessments repeated on the planned cycle and also triggered by significant changes, whether proposed or already made?",
			"Do the sampled assessments apply the criteria set out in the methodology?",
			"Was a recent significant change, such as a new system or supplier, followed by a risk assessment?",
		},
		evidence: []string{
			"dated risk assessment reports",
			"risk register history",
			"change records linked to risk assessments",
		},
	},
	{
		id: "8.3", title: "Information security risk treatment",
		documented: "results of the information security risk treatment",
		methods:    mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is the risk treatment plan being carried out on schedule, and are delays tracked and escalated?",
			"Do sampled treatment actions show that the selected controls are really in place and working?",
			"Are treatment results recorded and residual risk rated again once actions are complete?",
		},
		evidence: []string{
			"status reports on the risk treatment plan",
			"records of completed treatment actions",
			"configurations or procedures showing implemented controls",
			"updated residual risk ratings",
		},
	},
	{
		id: "9", title: "Performance evaluation",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"How does the organization find out whether its ISMS performs well and is effective, and who acts on what it finds?",
			"Do monitoring, internal audit and management review together lead to decisions and action?",
		},
		evidence: []string{
			"security performance reports",
			"internal audit reports",
			"management review minutes",
		},
	},
	{
		id: "9.1", title: "Monitoring, measurement, analysis and evaluation",
		documented: "evidence of the monitoring and measurement results",
		methods:    mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Which processes and controls has the organization chosen to monitor and measure, and how does it make sure the results are sound?",
			"Is there a defined schedule and owner for collecting measurements and for analysing and evaluating them?",
			"How do the metrics and reports let management judge security performance and the effectiveness of the ISMS?",
			"Can the auditor reproduce a sampled metric from its source data?",
		},
		evidence: []string{
			"measurement plan or metrics catalogue",
			"KPI reports and dashboards",
			"source data behind sampled metrics",
			"analysis and evaluation reports",
		},
	},
	{
		id: "9.2", title: "Internal audit",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Do the internal audits give management reliable information on whether the ISMS conforms and is working?",
			"Are the internal auditors independent and competent enough for their results to be trusted?",
		},
		evidence: []string{
			"internal audit programme",
			"internal audit reports",
			"internal auditor competence records",
		},
	},
	{
		id: "9.2.1", title: "General",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Do audits test conformity both with the organization's own ISMS rules and with ISO/IEC 27001?",
			"Are audits held at the planned intervals, and do they look at whether the ISMS is actually implemented and maintained?",
			"Over the audit cycle, have all clauses and all applicable Annex A controls within scope been covered?",
		},
		evidence: []string{
			"audit schedule covering the whole cycle",
			"audit checklists and reports",
			"coverage matrix of clauses and controls",
		},
	},
	{
		id: "9.2.2", title: "Internal audit programme",
		documented: "evidence of the audit programme's implementation and the audit results",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Does the programme say how often, how and by whom audits are planned, run and reported, giving weight to key processes and earlier findings?",
			"Is each audit given criteria and a scope, and were auditors chosen so that nobody audited their own work?",
			"Were results passed to the relevant managers, and are records of the programme and its results kept?",
		},
		evidence: []string{
			"audit programme and annual plan",
			"audit plans stating criteria and scope",
			"audit reports and distribution records",
			"auditor independence and competence records",
		},
	},
	{
		id: "9.3", title: "Management review",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Does top management review the ISMS at planned intervals, and is the review a real discussion rather than a formality?",
			"Do review outcomes turn into decisions and actions that are tracked?",
		},
		evidence: []string{
			"management review schedule",
			"management review minutes",
			"action tracker from reviews",
		},
	},
	{
		id: "9.3.1", title: "General",
		documented: "",
		methods:    mInterview | mDocumentReview,
		questions: []string{
			"How often does top management review the ISMS, and were all the planned reviews actually held?",
			"Did the review conclude whether the ISMS still fits the organization, is sufficient and delivers its intended results?",
			"Who attended, and did members of top management take part in person?",
		},
		evidence: []string{
			"management review minutes with attendance list",
			"management review calendar",
		},
	},
	{
		id: "9.3.2", title: "Management review inputs",
		documented: "",
		methods:    mDocumentReview | mRecordSampling,
		questions: []string{
			"Did the review cover the status of earlier actions, changes in context and changes in interested parties' needs?",
			"Were trends in nonconformities, monitoring results, audit results and progress on objectives presented?",
			"Were feedback from interested parties, risk assessment results, treatment plan status and improvement ideas discussed?",
		},
		evidence: []string{
			"management review agenda",
			"input pack or slides presented to management",
			"minutes showing each input was discussed",
		},
	},
	{
		id: "9.3.3", title: "Management review results",
		documented: "evidence of the results of management reviews",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Do the review outputs record decisions on improvement opportunities and on any changes the ISMS needs?",
			"Are review decisions given owners and deadlines, and followed through to completion?",
			"Is documented evidence of the review outcomes kept and available for inspection?",
		},
		evidence: []string{
			"approved management review minutes",
			"decision and action log",
			"follow-up status of review actions",
		},
	},
	{
		id: "10", title: "Improvement",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"How does the organization use nonconformities, incidents, audits and reviews to make the ISMS better?",
			"Is there evidence of real improvements over the certification cycle, not only one-off fixes?",
		},
		evidence: []string{
			"improvement log",
			"corrective action register",
			"management review outputs",
		},
	},
	{
		id: "10.1", title: "Continual improvement",
		documented: "",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"What concrete improvements to the fit, sufficiency or effectiveness of the ISMS have been made since the last audit?",
			"How are improvement ideas captured, prioritised and tracked until done?",
			"Do trends in metrics, incidents or audit findings show the ISMS getting better over time?",
		},
		evidence: []string{
			"improvement register or backlog",
			"trend analysis of metrics and findings",
			"records of completed improvement projects",
		},
	},
	{
		id: "10.2", title: "Nonconformity and corrective action",
		documented: "nonconformities, actions taken and results of corrective action",
		methods:    mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"For a sampled nonconformity, what immediate correction was made and how were its consequences contained?",
			"Was the root cause analysed, and did the organization check whether similar problems exist or could arise elsewhere?",
			"Were corrective actions carried out, checked for effectiveness, and followed by ISMS changes where needed?",
			"Does each record show what the nonconformity was, what was done and what the outcome was?",
		},
		evidence: []string{
			"nonconformity and corrective action register",
			"root cause analysis records",
			"effectiveness verification records",
			"closed corrective action files",
		},
	},
}
