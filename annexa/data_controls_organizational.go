package annexa

// organizational holds the organizational controls of Annex A (clause 5) in canonical order.
var organizational = [...]control{
	{
		id: "5.1", title: "Policies for information security", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aGovernance | aGovernanceAndEcosystem | aResilience,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Has top management approved the overall information security policy, and do the topic-specific policies trace back to it without contradicting it?",
			"When was each policy last reviewed, and does the review record show whether it was prompted by the planned interval or by a significant change?",
			"Can a sample of staff and contractors say where the policies are published and which ones apply to their own role?",
			"Do acknowledgement records exist for a sample of recent joiners covering the policies relevant to them?",
		},
		evidence: []string{
			"approved information security policy with version history and sign-off",
			"register of topic-specific policies with owners and review dates",
			"policy review minutes or change records",
			"staff acknowledgement records or intranet publication logs",
		},
	},
	{
		id: "5.2", title: "Information security roles and responsibilities", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aGovernance | aGovernanceAndEcosystem | aProtection | aResilience,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Are security responsibilities for assets and processes assigned to named roles, and does that cover every risk owner in the risk register?",
			"Can a sample of role holders describe their security duties in terms that match their job description or appointment letter?",
			"When a holder of a security role leaves or moves, how is the responsibility reassigned, and is there a recent example showing it happened?",
		},
		evidence: []string{
			"organization chart or RACI matrix for information security roles",
			"job descriptions or appointment letters for key security roles",
			"risk register with named risk owners",
		},
	},
	{
		id: "5.3", title: "Segregation of duties", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aGovernance | aIdentityAndAccessManagement | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Has the organization listed which duties conflict, such as requesting and approving access or developing and deploying code?",
			"Does a role or permission export show any user holding both sides of a listed conflict, and if so is a compensating control recorded?",
			"For a sample of high-risk changes or payments, was the approver a different person from the one who initiated it?",
		},
		evidence: []string{
			"matrix of conflicting duties or segregation rule set",
			"user-to-role exports from key business and IT systems",
			"approval trails for sampled changes or payments",
			"approved exceptions with compensating controls",
		},
	},
	{
		id: "5.4", title: "Management responsibilities", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aGovernance | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"How do line managers make sure their staff and contractors apply the security policies, and can a sample of managers give concrete examples?",
			"Do objectives, briefings or performance reviews for staff include information security expectations set by management?",
			"When a manager becomes aware of a policy breach in the team, is it reported through the defined channel, and is there a record of this?",
		},
		evidence: []string{
			"management briefing packs or team meeting notes covering security",
			"performance review templates or objectives with security elements",
			"records of policy breaches reported by managers and their handling",
		},
	},
	{
		id: "5.5", title: "Contact with authorities", theme: Organizational,
		attrs:   aPreventive | aCorrective | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aRespond | aRecover | aGovernance | aDefence | aResilience,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Is there a current list of authorities such as regulators, the data protection authority, police and the national CERT, with who may contact each?",
			"When were the contact details last checked, and does a spot check of a few entries confirm they are still correct?",
			"For incidents that required notification, were the authorities informed within the legal deadline and is the exchange recorded?",
		},
		evidence: []string{
			"authority contact list with owners and last verification date",
			"notification procedure naming who contacts which authority",
			"correspondence records with regulators or law enforcement",
		},
	},
	{
		id: "5.6", title: "Contact with special interest groups", theme: Organizational,
		attrs:   aPreventive | aCorrective | aConfidentiality | aIntegrity | aAvailability | aProtect | aRespond | aRecover | aGovernance | aDefence,
		methods: mInterview | mDocumentReview,
		questions: []string{
			"Which security forums, professional bodies or sector information-sharing groups does the organization take part in, and who represents it?",
			"Can the representatives show a case where information from a group led to an action, such as a patch, a rule change or an awareness message?",
			"Are there rules on what the organization may share with such groups, and do sampled exchanges respect them?",
		},
		evidence: []string{
			"list of memberships and subscriptions with named participants",
			"advisories received and the tickets or actions they triggered",
			"information sharing rules or agreements such as traffic light protocol terms",
		},
	},
	{
		id: "5.7", title: "Threat intelligence", theme: Organizational,
		attrs:   aPreventive | aDetective | aCorrective | aConfidentiality | aIntegrity | aAvailability | aIdentify | aDetect | aRespond | aThreatAndVulnerabilityManagement | aDefence | aResilience,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Which threat intelligence sources are used, and who judges their relevance to the organization's sector, technology and assets?",
			"Can a sample of recent intelligence items be traced to resulting actions such as new detection rules, blocked indicators or risk register updates?",
			"Do security tool configurations confirm that intelligence feeds are active and being consumed rather than only subscribed to?",
		},
		evidence: []string{
			"threat intelligence source list and analysis reports",
			"SIEM, firewall or EDR configuration showing imported indicator feeds",
			"tickets or risk register changes raised from intelligence items",
		},
	},
	{
		id: "5.8", title: "Information security in project management", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aGovernance | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Does the project methodology contain a security gate, such as a risk assessment at initiation and a security sign-off before go-live?",
			"For a sample of recent and ongoing projects, were security requirements identified, given owners and tracked to closure?",
			"Are all kinds of projects covered, including business process changes and small internal initiatives, not only IT development?",
		},
		evidence: []string{
			"project methodology or stage-gate checklist with security steps",
			"project risk assessments and security requirement lists for sampled projects",
			"go-live approvals showing security sign-off",
		},
	},
	{
		id: "5.9", title: "Inventory of information and other associated assets", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aAssetManagement | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mObservation | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Does every entry in the asset inventory have an owner, and do a sample of owners know they are accountable for those assets?",
			"Do assets seen on site or found by network discovery appear in the inventory, and do sampled inventory entries still physically exist?",
			"How is the inventory updated when assets are bought, moved or disposed of, and when was it last reconciled against another source?",
		},
		evidence: []string{
			"asset inventory or CMDB export with owners and classification",
			"network discovery or endpoint management reports used for reconciliation",
			"procurement and disposal records for sampled assets",
		},
	},
	{
		id: "5.10", title: "Acceptable use of information and other associated assets", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aAssetManagement | aInformationProtection | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mObservation | mRecordSampling,
		questions: []string{
			"Are acceptable use rules written down for information and assets, covering email, internet, mobile devices and removable media?",
			"Have a sample of users, including contractors, acknowledged the rules, and can they explain the main restrictions in their own words?",
			"Does a walk through work areas or a look at misuse reports show practice consistent with the rules?",
		},
		evidence: []string{
			"acceptable use policy and information handling procedures",
			"signed acknowledgements for sampled staff and contractors",
			"records of reported misuse and how it was handled",
		},
	},
	{
		id: "5.11", title: "Return of assets", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aAssetManagement | aProtection,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"For a sample of leavers and ended contracts in the period, was every issued asset returned and checked off against the asset register?",
			"How are unreturned assets, or organization information held on personal devices, followed up and escalated?",
			"Does HR tell the asset and IT teams about departures early enough for recovery to happen before the last working day?",
		},
		evidence: []string{
			"leaver checklists with signed asset return sections",
			"asset register entries showing return or reassignment dates",
			"HR leaver reports compared with asset recovery records",
		},
	},
	{
		id: "5.12", title: "Classification of information", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aInformationProtection | aProtection | aDefence,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Is there a classification scheme with defined levels and criteria that reflect confidentiality, integrity, availability and legal needs?",
			"For a sample of information assets in the inventory, has the owner assigned a classification, and does it fit the actual content?",
			"Can staff who handle sensitive information name the levels and explain how they decide which one applies?",
		},
		evidence: []string{
			"classification policy and scheme with level definitions",
			"asset inventory showing the classification of each asset",
			"sampled documents or datasets with their recorded classification",
		},
	},
	{
		id: "5.13", title: "Labelling of information", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aInformationProtection | aDefence | aProtection,
		methods: mDocumentReview | mObservation | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do sampled documents, emails, storage media and system outputs carry labels that match their recorded classification?",
			"Where labelling is automated through templates or data loss prevention tags, does the tool configuration apply the correct labels?",
			"Are cases where labelling is impractical defined, and is the information protected by other agreed means in those cases?",
		},
		evidence: []string{
			"labelling procedure covering physical and electronic formats",
			"sampled labelled documents, media and email headers",
			"configuration export of the labelling or data loss prevention tool",
		},
	},
	{
		id: "5.14", title: "Information transfer", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aAssetManagement | aInformationProtection | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Are rules set for each transfer channel in use, such as email, file transfer, removable media, courier and phone, matched to classification?",
			"For a sample of exchanges with external parties, is there an agreement or contract clause, and was the agreed protection actually used?",
			"Do mail and file transfer gateway settings enforce encryption or blocking in the way the rules require?",
		},
		evidence: []string{
			"information transfer policy or procedures",
			"transfer agreements or data exchange clauses with third parties",
			"email gateway and secure file transfer configuration and logs",
		},
	},
	{
		id: "5.15", title: "Access control", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aIdentityAndAccessManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is there an access control policy based on business need, least privilege and need-to-know, and do system owners know how it applies to them?",
			"Do directory groups, application roles and network rules on sampled systems reflect what the policy and role definitions say?",
			"When business needs change, are access rules updated with approval, and is there a recent example showing this?",
		},
		evidence: []string{
			"access control policy and role definitions",
			"directory group and application role exports",
			"firewall or network segmentation rule set extracts",
		},
	},
	{
		id: "5.16", title: "Identity management", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aIdentityAndAccessManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Does each user identity belong to one individual, and are shared or generic accounts limited, approved and given an owner?",
			"When the directory account list is compared with the HR roster, are there accounts for leavers or for people nobody can identify?",
			"For a sample of identities created, changed and removed in the period, was there an approved request and was it actioned on time?",
		},
		evidence: []string{
			"directory or identity provider account export",
			"HR joiner and leaver list used for reconciliation",
			"identity lifecycle tickets for sampled joiners, movers and leavers",
			"register of approved shared and service accounts",
		},
	},
	{
		id: "5.17", title: "Authentication information", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aIdentityAndAccessManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do password and multi-factor settings in the identity provider and key systems match the organization's authentication rules?",
			"How are initial passwords and tokens handed out, and are users forced to change temporary credentials at first use?",
			"Are service and application secrets kept in a vault rather than in scripts or shared files, as a spot check of code repositories shows?",
		},
		evidence: []string{
			"password policy and MFA configuration exports",
			"credential issuance procedure and sample issuance records",
			"secrets vault inventory and repository secret scan results",
		},
	},
	{
		id: "5.18", title: "Access rights", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aIdentityAndAccessManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"For a sample of joiners and movers, was access granted only after owner approval, and does the access held match what was approved?",
			"Were the accounts of sampled leavers disabled within the time the procedure sets, as shown by account status or system logs?",
			"Are periodic access reviews done for key systems and privileged accounts, and did they result in removals where access was no longer needed?",
		},
		evidence: []string{
			"access request and approval tickets",
			"access review records with reviewer sign-off and resulting changes",
			"system account listings showing last logon and disable dates",
		},
	},
	{
		id: "5.19", title: "Information security in supplier relationships", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aSupplierRelationshipsSecurity | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Is there a supplier register that tiers suppliers by the information and access they have, and is it complete when compared with accounts payable?",
			"For a sample of critical suppliers, was a security assessment done before onboarding, and are the resulting risks recorded and treated?",
			"Is there a defined process for ending a supplier relationship, including removing access and recovering or deleting information?",
		},
		evidence: []string{
			"supplier register with criticality or risk tiering",
			"supplier due diligence questionnaires and assessment results",
			"supplier onboarding and offboarding records",
		},
	},
	{
		id: "5.20", title: "Addressing information security within supplier agreements", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aSupplierRelationshipsSecurity | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Do sampled contracts with suppliers that handle organization information contain security clauses proportionate to their risk tier?",
			"Do the agreements address incident notification, right to audit, subcontracting, confidentiality and return or deletion of data at exit?",
			"Do procurement and legal use a standard clause set or checklist, and is it applied to renewals as well as to new contracts?",
		},
		evidence: []string{
			"signed supplier contracts and data processing agreements",
			"standard security schedule or contract clause library",
			"contract review checklists completed by legal or procurement",
		},
	},
	{
		id: "5.21", title: "Managing information security in the ICT supply chain", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aSupplierRelationshipsSecurity | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"How does the organization learn which subcontractors and components its ICT suppliers depend on, and is that knowledge kept current?",
			"Do ICT supplier contracts require security requirements to be passed on to their own suppliers, and can this be shown for a sample?",
			"Are software and hardware components checked for origin and integrity, for example through software bills of materials or vendor attestations?",
		},
		evidence: []string{
			"lists of supplier subcontractors and critical components",
			"flow-down clauses in ICT supplier contracts",
			"software bills of materials or vendor security attestations",
		},
	},
	{
		id: "5.22", title: "Monitoring, review and change management of supplier services", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aSupplierRelationshipsSecurity | aInformationSecurityAssurance | aGovernanceAndEcosystem | aProtection | aDefence,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"For a sample of critical suppliers, are service and security performance reviewed at the planned frequency, with issues followed up?",
			"Are supplier assurance reports or certificates obtained and checked for scope, validity period and reported exceptions?",
			"When a supplier changed its service, location or subcontractors, was the security impact assessed before the change was accepted?",
		},
		evidence: []string{
			"supplier review meeting minutes and scorecards",
			"supplier certificates or SOC 2 reports with internal review notes",
			"supplier change notices and the related risk assessments",
		},
	},
	{
		id: "5.23", title: "Information security for use of cloud services", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSupplierRelationshipsSecurity | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is there an inventory of cloud services in use, and do expense records or proxy logs reveal services that were never approved?",
			"Is the split of security duties between the organization and each cloud provider documented and understood by the teams running the service?",
			"Do configuration exports or posture management reports for sampled cloud tenants show settings that meet the organization's baseline?",
			"Is there an exit plan for critical cloud services covering retrieval and deletion of the organization's data?",
		},
		evidence: []string{
			"cloud service inventory with owners and approvals",
			"shared responsibility matrices and cloud service agreements",
			"cloud security posture or configuration compliance reports",
			"exit plans for critical cloud services",
		},
	},
	{
		id: "5.24", title: "Information security incident management planning and preparation", theme: Organizational,
		attrs:   aCorrective | aConfidentiality | aIntegrity | aAvailability | aRespond | aRecover | aGovernance | aInformationSecurityEventManagement | aDefence,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Is there an approved incident management procedure defining roles, reporting channels, severity levels and escalation paths?",
			"Are incident response team members named, trained and reachable, and has the plan been exercised within the planned interval?",
			"Can staff explain how to report a suspected incident, and does the reporting channel work when the auditor tests it?",
		},
		evidence: []string{
			"incident management policy and response plan",
			"response team contact list and training records",
			"tabletop or simulation exercise reports with follow-up actions",
		},
	},
	{
		id: "5.25", title: "Assessment and decision on information security events", theme: Organizational,
		attrs:   aDetective | aConfidentiality | aIntegrity | aAvailability | aDetect | aRespond | aInformationSecurityEventManagement | aDefence,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Are criteria defined for deciding whether a reported event is an incident and for assigning its severity?",
			"For a sample of logged events, was the triage decision made by an authorized person, recorded and consistent with the criteria?",
			"Were events closed as non-incidents given a reason, and were any of them later reclassified as incidents?",
		},
		evidence: []string{
			"event classification and severity criteria",
			"event and incident log or ticketing system extract",
			"triage records for sampled events",
		},
	},
	{
		id: "5.26", title: "Response to information security incidents", theme: Organizational,
		attrs:   aCorrective | aConfidentiality | aIntegrity | aAvailability | aRespond | aRecover | aInformationSecurityEventManagement | aDefence,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"For a sample of incidents, were containment, eradication and recovery carried out as the procedure requires and within target times?",
			"Were required notifications to management, customers or regulators made, and are they recorded with dates?",
			"Was each sampled incident formally closed by a responsible person, with the actions taken and their outcome documented?",
		},
		evidence: []string{
			"incident tickets with timelines and actions taken",
			"incident response playbooks",
			"notification records and incident communication logs",
		},
	},
	{
		id: "5.27", title: "Learning from information security incidents", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aInformationSecurityEventManagement | aDefence,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Are post-incident reviews held for significant incidents, and do they identify root causes rather than only symptoms?",
			"Are actions from those reviews tracked to completion, and did any lead to changed controls, risk assessments or training?",
			"Does the organization analyse incident trends over time to spot recurring types or weak areas, and report them to management?",
		},
		evidence: []string{
			"post-incident review reports and lessons learned",
			"corrective action tracker linked to incidents",
			"incident trend statistics presented to management",
		},
	},
	{
		id: "5.28", title: "Collection of evidence", theme: Organizational,
		attrs:   aCorrective | aConfidentiality | aIntegrity | aAvailability | aDetect | aRespond | aInformationSecurityEventManagement | aDefence,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is there a procedure for identifying, collecting and preserving digital evidence that takes account of admissibility and chain of custody?",
			"For incidents where evidence was gathered, is there a chain of custody record and were integrity checks such as hashing applied?",
			"Are the people who collect evidence trained for it, or is there an agreement with an external forensic provider?",
		},
		evidence: []string{
			"evidence handling or forensic procedure",
			"chain of custody forms and hash records for sampled incidents",
			"forensic training records or retainer with a forensic provider",
		},
	},
	{
		id: "5.29", title: "Information security during disruption", theme: Organizational,
		attrs:   aPreventive | aCorrective | aConfidentiality | aIntegrity | aAvailability | aProtect | aRespond | aContinuity | aProtection | aResilience,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Do continuity plans say how security controls are kept in place or restored during a disruption, for example access control at alternate sites?",
			"Have continuity exercises tested the security aspects, and were the gaps found addressed?",
			"Where alternative controls are planned for use during disruption, were they approved and documented in advance?",
		},
		evidence: []string{
			"business continuity plans with security sections",
			"continuity exercise reports and remediation actions",
			"business impact analysis",
		},
	},
	{
		id: "5.30", title: "ICT readiness for business continuity", theme: Organizational,
		attrs:   aCorrective | aAvailability | aRespond | aContinuity | aResilience,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Are recovery time and recovery point objectives for ICT services derived from the business impact analysis?",
			"Do recent failover or restore tests show that the objectives can actually be met, and were failures followed up?",
			"Does the backup and replication configuration for sampled critical systems match the documented recovery design?",
		},
		evidence: []string{
			"business impact analysis with RTO and RPO values",
			"ICT continuity and disaster recovery plans",
			"disaster recovery and restore test reports",
			"backup and replication configuration exports",
		},
	},
	{
		id: "5.31", title: "Legal, statutory, regulatory and contractual requirements", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aLegalAndCompliance | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Is there a register of legal, regulatory and contractual requirements relevant to information security, with owners and review dates?",
			"How does the organization learn of new or changed requirements, and was a recent change reflected in its controls?",
			"For sampled requirements in the register, can the owner show how compliance is achieved and how it is checked?",
		},
		evidence: []string{
			"register of legal, regulatory and contractual requirements",
			"legal update subscriptions or advice from counsel",
			"compliance assessments or mapping of requirements to controls",
		},
	},
	{
		id: "5.32", title: "Intellectual property rights", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aLegalAndCompliance | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Does the count of installed software from endpoint management tools match the number of licences the organization holds?",
			"Are there rules on using third-party material, open source components and copyrighted content, and are developers aware of them?",
			"Is software acquired only through approved channels, and does a sample of purchases confirm that?",
		},
		evidence: []string{
			"software licence register and entitlement records",
			"installed software reports from endpoint management",
			"open source usage policy and component licence scan results",
		},
	},
	{
		id: "5.33", title: "Protection of records", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aLegalAndCompliance | aAssetManagement | aInformationProtection | aDefence,
		methods: mInterview | mDocumentReview | mObservation | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is there a retention schedule stating record types, retention periods, storage locations and disposal methods, aligned with legal requirements?",
			"For a sample of record types, are records stored as the schedule says, protected against alteration and retrievable when requested?",
			"Are records disposed of when their retention ends, and is each disposal documented?",
		},
		evidence: []string{
			"records retention schedule",
			"archive access controls and storage configuration",
			"destruction certificates or disposal logs",
		},
	},
	{
		id: "5.34", title: "Privacy and protection of PII", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aInformationProtection | aLegalAndCompliance | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is there a record of processing activities showing where PII is held, for what purpose, on which lawful basis and with which processors?",
			"Is a privacy officer or function named, and are impact assessments done before high-risk processing starts?",
			"For a sample of data subject requests and personal data breaches, were they handled within the legal deadlines?",
		},
		evidence: []string{
			"record of processing activities",
			"data protection impact assessments",
			"data subject request log and personal data breach register",
			"privacy notices and data processing agreements",
		},
	},
	{
		id: "5.35", title: "Independent review of information security", theme: Organizational,
		attrs:   aPreventive | aCorrective | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aInformationSecurityAssurance | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mRecordSampling,
		questions: []string{
			"Is the organization's approach to information security reviewed at planned intervals or after significant change by people independent of the area?",
			"Are review results reported to management, and have the corrective actions from the last review been completed?",
			"How are the competence and independence of reviewers assured, whether internal audit staff or external assessors?",
		},
		evidence: []string{
			"independent review or internal audit reports",
			"review schedule and reviewer independence declarations",
			"management review minutes covering review results",
		},
	},
	{
		id: "5.36", title: "Compliance with policies, rules and standards for information security", theme: Organizational,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aLegalAndCompliance | aInformationSecurityAssurance | aGovernanceAndEcosystem,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do managers regularly check that their areas follow the security policies and standards, and are the results recorded?",
			"Are technical compliance checks such as configuration scans run against the organization's baselines, and are deviations fixed?",
			"When non-compliance is found, is its cause evaluated and the corrective action tracked to closure?",
		},
		evidence: []string{
			"compliance self-assessment records",
			"configuration compliance or vulnerability scan reports",
			"non-compliance log with corrective actions",
		},
	},
	{
		id: "5.37", title: "Documented operating procedures", theme: Organizational,
		attrs:   aPreventive | aCorrective | aConfidentiality | aIntegrity | aAvailability | aProtect | aRecover | aAssetManagement | aPhysicalSecurity | aSystemAndNetworkSecurity | aApplicationSecurity | aSecureConfiguration | aIdentityAndAccessManagement | aThreatAndVulnerabilityManagement | aContinuity | aInformationSecurityEventManagement | aGovernanceAndEcosystem | aProtection | aDefence,
		methods: mInterview | mDocumentReview | mObservation | mRecordSampling,
		questions: []string{
			"Are operating procedures documented for key activities such as backups, system start-up and shutdown, job scheduling and media handling?",
			"When an operator is observed performing a task, do they follow the current version of the procedure?",
			"Are procedures reviewed and updated after system changes, and can the people who need them reach them?",
		},
		evidence: []string{
			"operating procedure documents with version history",
			"procedure library or knowledge base access listing",
			"change records showing related procedure updates",
		},
	},
}
