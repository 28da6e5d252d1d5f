package annexa

// people holds the people controls of Annex A (clause 6) in canonical order.
var people = [...]control{
	{
		id: "6.1", title: "Screening", theme: People,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aHumanResourceSecurity | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"For a sample of recent hires and contractors, were the background checks required for their role finished and recorded before their accounts were enabled?",
			"How does the organization scale the depth of screening to the sensitivity of a role, and do files for privileged roles show the deeper checks?",
			"Where a check could not be completed before the start date, what temporary limits were placed on access and who signed off the exception?",
		},
		evidence: []string{
			"screening procedure with check levels per role",
			"HR files of sampled joiners showing check completion dates",
			"account creation dates compared with screening completion dates",
			"screening agency reports or service contract",
		},
	},
	{
		id: "6.2", title: "Terms and conditions of employment", theme: People,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aHumanResourceSecurity | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Do the signed contracts of a sample of employees and contractors state their security duties, including those that last beyond the end of employment?",
			"Were contract templates updated after the last major policy change, and how are staff on older contracts bound to the current rules?",
			"When asked, can sampled staff describe the security obligations they accepted on joining and where those are written down?",
		},
		evidence: []string{
			"employment contract and contractor agreement templates with version history",
			"signed contracts or policy acknowledgements of sampled staff",
			"legal or HR review notes on template changes",
		},
	},
	{
		id: "6.3", title: "Information security awareness, education and training", theme: People,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aHumanResourceSecurity | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Does the training plan reach every staff group, contractors included, and do administrators and developers get content specific to their roles?",
			"For a sample of personnel, do learning records show the required courses completed on time, and how are people with overdue training followed up?",
			"In interviews, can staff explain how to spot and report a suspicious email and where to find the security policies that apply to them?",
			"How does the organization judge whether awareness is improving, for example from phishing simulation trends, and what changed as a result?",
		},
		evidence: []string{
			"awareness and training plan with course materials",
			"learning management system completion and overdue reports",
			"phishing simulation results over several campaigns",
			"records of role-based training for privileged staff",
		},
	},
	{
		id: "6.4", title: "Disciplinary process", theme: People,
		attrs:   aPreventive | aCorrective | aConfidentiality | aIntegrity | aAvailability | aProtect | aRespond | aHumanResourceSecurity | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Is there a disciplinary procedure that explicitly covers security policy violations, and how has it been made known to staff?",
			"For incidents in the audit period that were caused by personnel, was the procedure followed consistently and was the outcome recorded?",
			"How does HR confirm that a violation actually occurred and take account of its severity before any sanction is decided?",
		},
		evidence: []string{
			"disciplinary procedure referring to security violations",
			"anonymized case records linked to incident tickets",
			"staff handbook or intranet page announcing the procedure",
		},
	},
	{
		id: "6.5", title: "Responsibilities after termination or change of employment", theme: People,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aHumanResourceSecurity | aAssetManagement | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"For a sample of leavers, were accounts disabled and badges and devices returned within the time the offboarding procedure sets?",
			"Were departing staff reminded in writing of the confidentiality duties that stay in force after they leave?",
			"For a sample of internal movers, does a comparison of their current permissions with their new role show that access no longer needed was removed?",
		},
		evidence: []string{
			"leaver and mover checklists with completion dates",
			"HR termination list reconciled against directory account status",
			"exit letters or signed post-employment confidentiality reminders",
			"asset return records for leavers",
		},
	},
	{
		id: "6.6", title: "Confidentiality or non-disclosure agreements", theme: People,
		attrs:   aPreventive | aConfidentiality | aProtect | aHumanResourceSecurity | aInformationProtection | aSupplierRelationshipsSecurity | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Were non-disclosure agreements signed by a sample of employees, contractors and suppliers before they received confidential information?",
			"When were the agreement templates last checked against the organization's current needs and applicable law, and by whom?",
			"Can the organization quickly find who has signed which agreement, what it covers and when it expires?",
		},
		evidence: []string{
			"NDA templates with review dates",
			"signed agreements of sampled individuals and suppliers",
			"NDA register or contract management system extract",
		},
	},
	{
		id: "6.7", title: "Remote working", theme: People,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aAssetManagement | aInformationProtection | aPhysicalSecurity | aSystemAndNetworkSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Does the remote working policy cover permitted locations, home and public networks, device use and printed material, and do sampled remote workers know its rules?",
			"Does the remote access configuration admit only managed devices with multi-factor authentication, and what exceptions exist?",
			"Have remote workers signed the remote working agreement, and were any special arrangements approved and recorded?",
		},
		evidence: []string{
			"remote working policy and signed agreements",
			"VPN or remote access gateway configuration export",
			"device compliance report for remotely connecting endpoints",
		},
	},
	{
		id: "6.8", title: "Information security event reporting", theme: People,
		attrs:   aDetective | aConfidentiality | aIntegrity | aAvailability | aDetect | aInformationSecurityEventManagement | aDefence,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"When asked, do staff in different departments know how to report a suspected security event, and can they find the channel within a minute?",
			"For a sample of reported events, how long passed between discovery, report and triage, and were the target times met?",
			"Are reports arriving by phone, email or chat all logged in one place and acknowledged to the person who raised them?",
		},
		evidence: []string{
			"event reporting procedure and intranet instructions",
			"ticketing system extract of reported events with timestamps",
			"awareness material describing reporting channels",
		},
	},
}
