package annexa

// technological holds the technological controls of Annex A (clause 8) in canonical order.
var technological = [...]control{
	{
		id: "8.1", title: "User end point devices", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aAssetManagement | aInformationProtection | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"For a sample of laptops and phones in the device management console, do encryption, screen lock, OS version and endpoint protection meet the policy?",
			"How are personal or unmanaged devices kept from reaching corporate data, and does a test with an unenrolled device confirm it?",
			"Are non-compliant or lost devices detected and dealt with within the time the policy sets?",
		},
		evidence: []string{
			"device management compliance report",
			"endpoint configuration baseline",
			"personal device policy and user acknowledgements",
		},
	},
	{
		id: "8.2", title: "Privileged access rights", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aIdentityAndAccessManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Comparing admin group members in directories, cloud consoles and databases with approved requests, are there members nobody can explain?",
			"Do administrators use separate accounts for privileged work, and are those accounts protected by multi-factor authentication?",
			"Were the scheduled reviews of privileged rights carried out, and did they lead to removals where needed?",
			"Is privileged activity logged in a place administrators cannot alter, and is it reviewed?",
		},
		evidence: []string{
			"export of admin group memberships",
			"privileged access approval records",
			"privileged access review sign-offs",
			"privileged session logs",
		},
	},
	{
		id: "8.3", title: "Information access restriction", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aIdentityAndAccessManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"For a sample of systems, do the permissions granted match the roles defined in the access control policy and the users' actual jobs?",
			"Do permission reports for file shares, collaboration sites and storage buckets reveal broad grants such as everyone or anonymous access?",
			"Are access rights adjusted promptly when users change role, judged from a sample of recent movers?",
		},
		evidence: []string{
			"role and permission matrices",
			"file share and storage bucket permission reports",
			"application user access lists",
		},
	},
	{
		id: "8.4", title: "Access to source code", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aIdentityAndAccessManagement | aApplicationSecurity | aSecureConfiguration | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Who can write to the source repositories, and does that list match the current development team and its roles?",
			"Do the repository settings protect main branches and require reviewed merges, and can an administrator bypass that unseen?",
			"Is read access to source code limited to those who need it, and are repository access events logged?",
		},
		evidence: []string{
			"repository permission exports",
			"branch protection settings",
			"repository audit logs",
		},
	},
	{
		id: "8.5", title: "Secure authentication", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aIdentityAndAccessManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification,
		questions: []string{
			"Does the identity provider configuration require multi-factor authentication for remote and privileged access, and which accounts are exempted?",
			"Are password rules, lockout thresholds and session timeouts configured as the policy states on a sample of systems?",
			"Are failed and unusual logins recorded and do they raise alerts that someone looks at?",
		},
		evidence: []string{
			"identity provider and MFA configuration exports",
			"password, lockout and session settings",
			"authentication logs and alert history",
		},
	},
	{
		id: "8.6", title: "Capacity management", theme: Technological,
		attrs:   aPreventive | aDetective | aIntegrity | aAvailability | aIdentify | aProtect | aDetect | aContinuity | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Are capacity thresholds set for key systems, and do monitoring dashboards show alerts being raised and followed up?",
			"Does capacity planning take account of expected business growth, and when was the plan last updated?",
			"Were any incidents in the audit period caused by exhausted storage, memory, bandwidth or licences, and what was learned?",
		},
		evidence: []string{
			"capacity monitoring dashboards and threshold settings",
			"capacity plans or forecasts",
			"incident records related to capacity",
		},
	},
	{
		id: "8.7", title: "Protection against malware", theme: Technological,
		attrs:   aPreventive | aDetective | aCorrective | aConfidentiality | aIntegrity | aAvailability | aProtect | aDetect | aSystemAndNetworkSecurity | aInformationProtection | aProtection | aDefence,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"In the endpoint protection console, do all in-scope devices report an active agent with current signatures, and how are missing devices found?",
			"For a sample of malware detections, was each one investigated and closed, and was the cause addressed?",
			"Are email and web gateways configured to block malicious attachments and links, and does a harmless test file get caught?",
		},
		evidence: []string{
			"anti-malware console coverage report",
			"detection and remediation logs",
			"email and web gateway filtering configuration",
		},
	},
	{
		id: "8.8", title: "Management of technical vulnerabilities", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aThreatAndVulnerabilityManagement | aGovernanceAndEcosystem | aProtection | aDefence,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"For a sample of servers, does the installed patch level meet the deadlines the patch policy sets for critical and high severity fixes?",
			"Do vulnerability scans cover the whole asset inventory, and is each finding tracked to a fix or a documented risk acceptance?",
			"How does the organization learn about new vulnerabilities in the software it runs, and who decides how quickly to act?",
		},
		evidence: []string{
			"vulnerability scan reports with trends",
			"patch compliance reports",
			"risk acceptance records for unpatched vulnerabilities",
			"penetration test reports",
		},
	},
	{
		id: "8.9", title: "Configuration management", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSecureConfiguration | aProtection,
		methods: mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Are hardened baselines defined for the main system types, and do configuration scans show sampled systems matching them?",
			"Are configuration changes made only through the change process, and is drift from the baseline detected and corrected?",
			"On sampled systems, have default accounts, passwords and unneeded services been removed?",
		},
		evidence: []string{
			"hardening baselines",
			"configuration compliance scan results",
			"infrastructure as code repository history",
		},
	},
	{
		id: "8.10", title: "Information deletion", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aProtect | aInformationProtection | aLegalAndCompliance | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Are retention periods defined, and does a check of sampled systems show that records past their period have actually been deleted?",
			"How is deletion requested from cloud providers and other suppliers, and is completion confirmed in writing?",
			"Is the deletion method suited to the sensitivity of the information, and are deletions logged?",
		},
		evidence: []string{
			"retention schedule",
			"deletion job logs",
			"supplier deletion confirmations",
		},
	},
	{
		id: "8.11", title: "Data masking", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aProtect | aInformationProtection | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification,
		questions: []string{
			"Where sensitive or personal data is displayed to users or copied outside production, does viewing sample records show masking or pseudonymization applied?",
			"Are masking rules documented and based on data classification, access policy and legal requirements?",
			"Who can see unmasked values, and is that access limited and logged?",
		},
		evidence: []string{
			"masking rules mapped to data classification",
			"screenshots or query results showing masked fields",
			"access lists for unmasked data",
		},
	},
	{
		id: "8.12", title: "Data leakage prevention", theme: Technological,
		attrs:   aPreventive | aDetective | aConfidentiality | aProtect | aDetect | aInformationProtection | aProtection | aDefence,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do leakage prevention rules cover email, web uploads, endpoints and cloud services for the data types the organization classifies as sensitive?",
			"For a sample of leakage alerts, were they triaged within the expected time and were real leaks handled as incidents?",
			"When the auditor has a harmless test file with marked content sent out by an allowed route, is it blocked or flagged?",
		},
		evidence: []string{
			"DLP policy configuration",
			"DLP alert and incident logs",
			"results of test transfers",
		},
	},
	{
		id: "8.13", title: "Information backup", theme: Technological,
		attrs:   aCorrective | aIntegrity | aAvailability | aRecover | aContinuity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do backup job logs for a sample of critical systems show successful runs at the planned frequency, and are failures followed up?",
			"When was a restore last tested, and did it meet the recovery time and recovery point objectives?",
			"Are backup copies protected from deletion and tampering, for example offline or immutable, and stored away from the primary site?",
		},
		evidence: []string{
			"backup policy with recovery objectives",
			"backup job reports",
			"restore test records",
			"immutable or offsite storage configuration",
		},
	},
	{
		id: "8.14", title: "Redundancy of information processing facilities", theme: Technological,
		attrs:   aPreventive | aAvailability | aProtect | aContinuity | aAssetManagement | aProtection | aResilience,
		methods: mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Have availability requirements been set for critical services, and are redundant components in place to meet them?",
			"When was failover last tested, and did the service keep running within the expected time?",
			"Is loss of redundancy, such as a failed node or link, detected and alerted?",
		},
		evidence: []string{
			"architecture diagrams showing redundant components",
			"failover test reports",
			"availability monitoring reports",
		},
	},
	{
		id: "8.15", title: "Logging", theme: Technological,
		attrs:   aDetective | aConfidentiality | aIntegrity | aAvailability | aDetect | aInformationSecurityEventManagement | aProtection | aDefence,
		methods: mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do sampled systems record the events the logging standard requires, such as logins, administrator actions and errors?",
			"Are logs protected from change and kept for the required period, according to the log platform settings?",
			"Can administrators delete or alter logs of their own activity, and is any such attempt detected?",
		},
		evidence: []string{
			"logging standard",
			"SIEM source list and retention settings",
			"sample log entries",
			"log platform access permissions",
		},
	},
	{
		id: "8.16", title: "Monitoring activities", theme: Technological,
		attrs:   aDetective | aCorrective | aConfidentiality | aIntegrity | aAvailability | aDetect | aRespond | aInformationSecurityEventManagement | aDefence,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Are networks, systems and applications monitored for unusual behaviour using defined baselines and detection rules?",
			"For a sample of alerts, were they triaged and escalated within the agreed times, and are the outcomes recorded?",
			"How often are detection rules tuned and reviewed, and are important log sources missing from monitoring?",
		},
		evidence: []string{
			"SIEM detection rule catalogue",
			"alert tickets with timestamps",
			"security operations reports",
		},
	},
	{
		id: "8.17", title: "Clock synchronization", theme: Technological,
		attrs:   aDetective | aIntegrity | aProtect | aDetect | aInformationSecurityEventManagement | aProtection | aDefence,
		methods: mDocumentReview | mTechnicalVerification,
		questions: []string{
			"Are all systems configured to use the same approved time sources, checked on a sample of servers, network devices and cloud services?",
			"When timestamps of one event are compared across several systems, is the difference within the accepted tolerance?",
		},
		evidence: []string{
			"NTP configuration exports",
			"time drift monitoring output",
			"documentation of reference time sources",
		},
	},
	{
		id: "8.18", title: "Use of privileged utility programs", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSystemAndNetworkSecurity | aSecureConfiguration | aApplicationSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Which installed utilities can bypass system or application controls, and is their use limited to named, authorized staff?",
			"Is each use of such utilities logged, and are the logs reviewed?",
			"Are these utilities removed or blocked on systems where they are not needed?",
		},
		evidence: []string{
			"list of privileged utilities and authorized users",
			"application allowlisting configuration",
			"utility usage logs",
		},
	},
	{
		id: "8.19", title: "Installation of software on operational systems", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSecureConfiguration | aApplicationSecurity | aProtection,
		methods: mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Can an ordinary user install software on a sampled workstation, and what stops them?",
			"Does the software inventory of sampled servers match the approved software list?",
			"Were recent installations on production systems carried out under an approved change?",
		},
		evidence: []string{
			"software inventory reports",
			"approved software list",
			"allowlisting or installation rights configuration",
			"change tickets for production installations",
		},
	},
	{
		id: "8.20", title: "Networks security", theme: Technological,
		attrs:   aPreventive | aDetective | aConfidentiality | aIntegrity | aAvailability | aProtect | aDetect | aSystemAndNetworkSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification,
		questions: []string{
			"Are network devices hardened to the standard, and were firewall rule sets reviewed at the planned interval with stale rules removed?",
			"Do network diagrams match the actual network, checked against a sample of device configurations?",
			"Is management access to network devices restricted to dedicated paths and logged?",
		},
		evidence: []string{
			"network diagrams",
			"firewall rule review records",
			"network device configuration backups",
		},
	},
	{
		id: "8.21", title: "Security of network services", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSystemAndNetworkSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do agreements for network services such as internet links, managed WAN or DNS state the security features and service levels required?",
			"How does the organization check that providers deliver those features, for example through reports, audits or its own tests?",
			"Are the security settings of managed network services, such as DDoS protection, configured as agreed?",
		},
		evidence: []string{
			"network service agreements with service levels",
			"provider security and performance reports",
			"configuration of managed network services",
		},
	},
	{
		id: "8.22", title: "Segregation of networks", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSystemAndNetworkSecurity | aProtection,
		methods: mDocumentReview | mTechnicalVerification,
		questions: []string{
			"Are networks divided into zones by trust level, and does a test from a user segment show that server and management networks are unreachable?",
			"Is guest and IoT wireless traffic isolated from the internal network?",
			"Are rules between zones documented with a business reason for each allowed flow?",
		},
		evidence: []string{
			"network zone diagram",
			"firewall and ACL rules between zones",
			"segmentation test results",
		},
	},
	{
		id: "8.23", title: "Web filtering", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSystemAndNetworkSecurity | aProtection,
		methods: mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is web filtering applied to all users including remote ones, and is a test site from a blocked category actually blocked?",
			"Are blocked categories and exceptions reviewed, and are exceptions approved with a reason?",
		},
		evidence: []string{
			"web filter policy configuration",
			"blocked request logs",
			"exception approvals",
		},
	},
	{
		id: "8.24", title: "Use of cryptography", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSecureConfiguration | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification,
		questions: []string{
			"Does the cryptography standard name approved algorithms and key lengths, and do TLS scans of sampled services confirm they are used?",
			"How are keys generated, stored, rotated and revoked, and who can reach the key material?",
			"Is there a certificate inventory, and are expiry dates tracked so none lapse unnoticed?",
		},
		evidence: []string{
			"cryptography and key management standard",
			"TLS scan results",
			"key management system settings",
			"certificate inventory",
		},
	},
	{
		id: "8.25", title: "Secure development life cycle", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aApplicationSecurity | aSystemAndNetworkSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Does the defined development life cycle include security activities at each phase, and do records for a sampled project show they were done?",
			"Are developers trained in secure development, and is that training refreshed?",
			"Are security gates in the pipeline enforced, or can releases proceed when they fail?",
		},
		evidence: []string{
			"development life cycle procedure",
			"project security gate records",
			"developer training records",
			"CI/CD pipeline configuration",
		},
	},
	{
		id: "8.26", title: "Application security requirements", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aApplicationSecurity | aSystemAndNetworkSecurity | aProtection | aDefence,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"For a sample of new or changed applications, were security requirements derived from risk assessment and written down before build?",
			"For internet-facing or transaction systems, do requirements cover authentication, input handling and transaction integrity, and were they tested?",
			"Can each security requirement be traced to a test result at acceptance?",
		},
		evidence: []string{
			"requirement specifications with security items",
			"application risk assessments",
			"acceptance test results traced to requirements",
		},
	},
	{
		id: "8.27", title: "Secure system architecture and engineering principles", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aApplicationSecurity | aSystemAndNetworkSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification,
		questions: []string{
			"Are documented engineering principles such as least privilege and defence in depth applied, as shown in design reviews of sampled systems?",
			"Were threat models produced for significant new systems, and did they change the design?",
			"When were the principles last reviewed against new threats and technologies?",
		},
		evidence: []string{
			"engineering principles document",
			"architecture review records",
			"threat models",
		},
	},
	{
		id: "8.28", title: "Secure coding", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aApplicationSecurity | aSystemAndNetworkSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do static analysis and dependency scans run in the build pipeline, and do serious findings stop the build?",
			"For a sample of merged pull requests, was each one reviewed by someone other than its author?",
			"How are third-party libraries tracked and updated when a vulnerability is published?",
		},
		evidence: []string{
			"secure coding standard",
			"SAST and dependency scan reports",
			"pull request review history",
			"software bill of materials",
		},
	},
	{
		id: "8.29", title: "Security testing in development and acceptance", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aIdentify | aApplicationSecurity | aInformationSecurityAssurance | aSystemAndNetworkSecurity | aProtection,
		methods: mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Were security tests run before release of a sampled system, and were findings fixed or formally accepted before go-live?",
			"Do tests cover the stated security requirements, with dynamic or penetration testing for exposed systems?",
			"Who approves acceptance, and does the sign-off consider open security defects?",
		},
		evidence: []string{
			"security test plans",
			"dynamic scan or penetration test reports",
			"go-live acceptance sign-offs",
		},
	},
	{
		id: "8.30", title: "Outsourced development", theme: Technological,
		attrs:   aPreventive | aDetective | aConfidentiality | aIntegrity | aAvailability | aIdentify | aProtect | aDetect | aSystemAndNetworkSecurity | aApplicationSecurity | aSupplierRelationshipsSecurity | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do contracts with development suppliers include security requirements, audit rights and ownership of code?",
			"Does the organization test supplier deliverables itself before acceptance, rather than relying only on supplier claims?",
			"How is supplier compliance with secure development practices monitored during the project?",
		},
		evidence: []string{
			"development contracts",
			"supplier security attestations or audit reports",
			"acceptance test results for delivered code",
		},
	},
	{
		id: "8.31", title: "Separation of development, test and production environments", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aApplicationSecurity | aSystemAndNetworkSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification,
		questions: []string{
			"Are development, test and production separated, and does a check of permissions confirm developers cannot change production without approval?",
			"Is production data used in test or development, and if so, is it protected to the same level?",
			"Are development tools and compilers absent from production systems?",
		},
		evidence: []string{
			"environment diagram",
			"access lists per environment",
			"deployment pipeline permissions",
		},
	},
	{
		id: "8.32", title: "Change management", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aApplicationSecurity | aSystemAndNetworkSecurity | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"For a sample of production changes taken from deployment history, is there an approved change record with testing and a rollback plan?",
			"Are emergency changes reviewed and approved after the event within the set time?",
			"Are deployments that bypass the change process detected, for example by reconciling change records with system logs?",
		},
		evidence: []string{
			"change management procedure",
			"change tickets with approvals",
			"deployment logs reconciled with change records",
			"emergency change review records",
		},
	},
	{
		id: "8.33", title: "Test information", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aProtect | aInformationProtection | aProtection,
		methods: mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Where production data was copied to test, was the copy approved, masked where needed and deleted once testing ended?",
			"Are access controls in test environments that hold real data as strict as in production?",
		},
		evidence: []string{
			"test data approval records",
			"masking script or tool output",
			"test environment data deletion logs",
		},
	},
	{
		id: "8.34", title: "Protection of information systems during audit testing", theme: Technological,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aSystemAndNetworkSecurity | aInformationProtection | aGovernanceAndEcosystem | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Were audit tests that touch operational systems, such as scans or queries, agreed with management in advance with scope and timing?",
			"Is auditor access read-only, time-limited and removed after the audit, as shown by account records?",
			"Were tests that could affect availability run outside business hours and monitored?",
		},
		evidence: []string{
			"audit test agreements or rules of engagement",
			"temporary auditor account records",
			"logs of auditor activity",
		},
	},
}
