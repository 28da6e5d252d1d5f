package annexa

// controls2013 holds the 114 Annex A controls of ISO/IEC 27001:2013 in
// canonical order, each with its successors in the 2022 edition (ISO/IEC
// 27002:2022 Table B.2).
var controls2013 = [...]control2013{
	{id: "5.1.1", title: "Policies for information security", clause: "5", clauseTitle: "Information security policies", objective: "5.1", objectiveTitle: "Management direction for information security", successors: []ControlID{"5.1"}},
	{id: "5.1.2", title: "Review of the policies for information security", clause: "5", clauseTitle: "Information security policies", objective: "5.1", objectiveTitle: "Management direction for information security", successors: []ControlID{"5.1"}},
	{id: "6.1.1", title: "Information security roles and responsibilities", clause: "6", clauseTitle: "Organization of information security", objective: "6.1", objectiveTitle: "Internal organization", successors: []ControlID{"5.2"}},
	{id: "6.1.2", title: "Segregation of duties", clause: "6", clauseTitle: "Organization of information security", objective: "6.1", objectiveTitle: "Internal organization", successors: []ControlID{"5.3"}},
	{id: "6.1.3", title: "Contact with authorities", clause: "6", clauseTitle: "Organization of information security", objective: "6.1", objectiveTitle: "Internal organization", successors: []ControlID{"5.5"}},
	{id: "6.1.4", title: "Contact with special interest groups", clause: "6", clauseTitle: "Organization of information security", objective: "6.1", objectiveTitle: "Internal organization", successors: []ControlID{"5.6"}},
	{id: "6.1.5", title: "Information security in project management", clause: "6", clauseTitle: "Organization of information security", objective: "6.1", objectiveTitle: "Internal organization", successors: []ControlID{"5.8"}},
	{id: "6.2.1", title: "Mobile device policy", clause: "6", clauseTitle: "Organization of information security", objective: "6.2", objectiveTitle: "Mobile devices and teleworking", successors: []ControlID{"8.1"}},
	{id: "6.2.2", title: "Teleworking", clause: "6", clauseTitle: "Organization of information security", objective: "6.2", objectiveTitle: "Mobile devices and teleworking", successors: []ControlID{"6.7"}},
	{id: "7.1.1", title: "Screening", clause: "7", clauseTitle: "Human resource security", objective: "7.1", objectiveTitle: "Prior to employment", successors: []ControlID{"6.1"}},
	{id: "7.1.2", title: "Terms and conditions of employment", clause: "7", clauseTitle: "Human resource security", objective: "7.1", objectiveTitle: "Prior to employment", successors: []ControlID{"6.2"}},
	{id: "7.2.1", title: "Management responsibilities", clause: "7", clauseTitle: "Human resource security", objective: "7.2", objectiveTitle: "During employment", successors: []ControlID{"5.4"}},
	{id: "7.2.2", title: "Information security awareness, education and training", clause: "7", clauseTitle: "Human resource security", objective: "7.2", objectiveTitle: "During employment", successors: []ControlID{"6.3"}},
	{id: "7.2.3", title: "Disciplinary process", clause: "7", clauseTitle: "Human resource security", objective: "7.2", objectiveTitle: "During employment", successors: []ControlID{"6.4"}},
	{id: "7.3.1", title: "Termination or change of employment responsibilities", clause: "7", clauseTitle: "Human resource security", objective: "7.3", objectiveTitle: "Termination and change of employment", successors: []ControlID{"6.5"}},
	{id: "8.1.1", title: "Inventory of assets", clause: "8", clauseTitle: "Asset management", objective: "8.1", objectiveTitle: "Responsibility for assets", successors: []ControlID{"5.9"}},
	{id: "8.1.2", title: "Ownership of assets", clause: "8", clauseTitle: "Asset management", objective: "8.1", objectiveTitle: "Responsibility for assets", successors: []ControlID{"5.9"}},
	{id: "8.1.3", title: "Acceptable use of assets", clause: "8", clauseTitle: "Asset management", objective: "8.1", objectiveTitle: "Responsibility for assets", successors: []ControlID{"5.10"}},
	{id: "8.1.4", title: "Return of assets", clause: "8", clauseTitle: "Asset management", objective: "8.1", objectiveTitle: "Responsibility for assets", successors: []ControlID{"5.11"}},
	{id: "8.2.1", title: "Classification of information", clause: "8", clauseTitle: "Asset management", objective: "8.2", objectiveTitle: "Information classification", successors: []ControlID{"5.12"}},
	{id: "8.2.2", title: "Labelling of information", clause: "8", clauseTitle: "Asset management", objective: "8.2", objectiveTitle: "Information classification", successors: []ControlID{"5.13"}},
	{id: "8.2.3", title: "Handling of assets", clause: "8", clauseTitle: "Asset management", objective: "8.2", objectiveTitle: "Information classification", successors: []ControlID{"5.10"}},
	{id: "8.3.1", title: "Management of removable media", clause: "8", clauseTitle: "Asset management", objective: "8.3", objectiveTitle: "Media handling", successors: []ControlID{"7.10"}},
	{id: "8.3.2", title: "Disposal of media", clause: "8", clauseTitle: "Asset management", objective: "8.3", objectiveTitle: "Media handling", successors: []ControlID{"7.10"}},
	{id: "8.3.3", title: "Physical media transfer", clause: "8", clauseTitle: "Asset management", objective: "8.3", objectiveTitle: "Media handling", successors: []ControlID{"7.10"}},
	{id: "9.1.1", title: "Access control policy", clause: "9", clauseTitle: "Access control", objective: "9.1", objectiveTitle: "Business requirements of access control", successors: []ControlID{"5.15"}},
	{id: "9.1.2", title: "Access to networks and network services", clause: "9", clauseTitle: "Access control", objective: "9.1", objectiveTitle: "Business requirements of access control", successors: []ControlID{"5.15"}},
	{id: "9.2.1", title: "User registration and de-registration", clause: "9", clauseTitle: "Access control", objective: "9.2", objectiveTitle: "User access management", successors: []ControlID{"5.16"}},
	{id: "9.2.2", title: "User access provisioning", clause: "9", clauseTitle: "Access control", objective: "9.2", objectiveTitle: "User access management", successors: []ControlID{"5.18"}},
	{id: "9.2.3", title: "Management of privileged access rights", clause: "9", clauseTitle: "Access control", objective: "9.2", objectiveTitle: "User access management", successors: []ControlID{"8.2"}},
	{id: "9.2.4", title: "Management of secret authentication information of users", clause: "9", clauseTitle: "Access control", objective: "9.2", objectiveTitle: "User access management", successors: []ControlID{"5.17"}},
	{id: "9.2.5", title: "Review of user access rights", clause: "9", clauseTitle: "Access control", objective: "9.2", objectiveTitle: "User access management", successors: []ControlID{"5.18"}},
	{id: "9.2.6", title: "Removal or adjustment of access rights", clause: "9", clauseTitle: "Access control", objective: "9.2", objectiveTitle: "User access management", successors: []ControlID{"5.18"}},
	{id: "9.3.1", title: "Use of secret authentication information", clause: "9", clauseTitle: "Access control", objective: "9.3", objectiveTitle: "User responsibilities", successors: []ControlID{"5.17"}},
	{id: "9.4.1", title: "Information access restriction", clause: "9", clauseTitle: "Access control", objective: "9.4", objectiveTitle: "System and application access control", successors: []ControlID{"8.3"}},
	{id: "9.4.2", title: "Secure log-on procedures", clause: "9", clauseTitle: "Access control", objective: "9.4", objectiveTitle: "System and application access control", successors: []ControlID{"8.5"}},
	{id: "9.4.3", title: "Password management system", clause: "9", clauseTitle: "Access control", objective: "9.4", objectiveTitle: "System and application access control", successors: []ControlID{"5.17"}},
	{id: "9.4.4", title: "Use of privileged utility programs", clause: "9", clauseTitle: "Access control", objective: "9.4", objectiveTitle: "System and application access control", successors: []ControlID{"8.18"}},
	{id: "9.4.5", title: "Access control to program source code", clause: "9", clauseTitle: "Access control", objective: "9.4", objectiveTitle: "System and application access control", successors: []ControlID{"8.4"}},
	{id: "10.1.1", title: "Policy on the use of cryptographic controls", clause: "10", clauseTitle: "Cryptography", objective: "10.1", objectiveTitle: "Cryptographic controls", successors: []ControlID{"8.24"}},
	{id: "10.1.2", title: "Key management", clause: "10", clauseTitle: "Cryptography", objective: "10.1", objectiveTitle: "Cryptographic controls", successors: []ControlID{"8.24"}},
	{id: "11.1.1", title: "Physical security perimeter", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.1", objectiveTitle: "Secure areas", successors: []ControlID{"7.1"}},
	{id: "11.1.2", title: "Physical entry controls", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.1", objectiveTitle: "Secure areas", successors: []ControlID{"7.2"}},
	{id: "11.1.3", title: "Securing offices, rooms and facilities", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.1", objectiveTitle: "Secure areas", successors: []ControlID{"7.3"}},
	{id: "11.1.4", title: "Protecting against external and environmental threats", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.1", objectiveTitle: "Secure areas", successors: []ControlID{"7.5"}},
	{id: "11.1.5", title: "Working in secure areas", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.1", objectiveTitle: "Secure areas", successors: []ControlID{"7.6"}},
	{id: "11.1.6", title: "Delivery and loading areas", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.1", objectiveTitle: "Secure areas", successors: []ControlID{"7.2"}},
	{id: "11.2.1", title: "Equipment siting and protection", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"7.8"}},
	{id: "11.2.2", title: "Supporting utilities", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"7.11"}},
	{id: "11.2.3", title: "Cabling security", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"7.12"}},
	{id: "11.2.4", title: "Equipment maintenance", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"7.13"}},
	{id: "11.2.5", title: "Removal of assets", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"7.10"}},
	{id: "11.2.6", title: "Security of equipment and assets off-premises", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"7.9"}},
	{id: "11.2.7", title: "Secure disposal or reuse of equipment", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"7.14"}},
	{id: "11.2.8", title: "Unattended user equipment", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"8.1"}},
	{id: "11.2.9", title: "Clear desk and clear screen policy", clause: "11", clauseTitle: "Physical and environmental security", objective: "11.2", objectiveTitle: "Equipment", successors: []ControlID{"7.7"}},
	{id: "12.1.1", title: "Documented operating procedures", clause: "12", clauseTitle: "Operations security", objective: "12.1", objectiveTitle: "Operational procedures and responsibilities", successors: []ControlID{"5.37"}},
	{id: "12.1.2", title: "Change management", clause: "12", clauseTitle: "Operations security", objective: "12.1", objectiveTitle: "Operational procedures and responsibilities", successors: []ControlID{"8.32"}},
	{id: "12.1.3", title: "Capacity management", clause: "12", clauseTitle: "Operations security", objective: "12.1", objectiveTitle: "Operational procedures and responsibilities", successors: []ControlID{"8.6"}},
	{id: "12.1.4", title: "Separation of development, testing and operational environments", clause: "12", clauseTitle: "Operations security", objective: "12.1", objectiveTitle: "Operational procedures and responsibilities", successors: []ControlID{"8.31"}},
	{id: "12.2.1", title: "Controls against malware", clause: "12", clauseTitle: "Operations security", objective: "12.2", objectiveTitle: "Protection from malware", successors: []ControlID{"8.7"}},
	{id: "12.3.1", title: "Information backup", clause: "12", clauseTitle: "Operations security", objective: "12.3", objectiveTitle: "Backup", successors: []ControlID{"8.13"}},
	{id: "12.4.1", title: "Event logging", clause: "12", clauseTitle: "Operations security", objective: "12.4", objectiveTitle: "Logging and monitoring", successors: []ControlID{"8.15"}},
	{id: "12.4.2", title: "Protection of log information", clause: "12", clauseTitle: "Operations security", objective: "12.4", objectiveTitle: "Logging and monitoring", successors: []ControlID{"8.15"}},
	{id: "12.4.3", title: "Administrator and operator logs", clause: "12", clauseTitle: "Operations security", objective: "12.4", objectiveTitle: "Logging and monitoring", successors: []ControlID{"8.15"}},
	{id: "12.4.4", title: "Clock synchronisation", clause: "12", clauseTitle: "Operations security", objective: "12.4", objectiveTitle: "Logging and monitoring", successors: []ControlID{"8.17"}},
	{id: "12.5.1", title: "Installation of software on operational systems", clause: "12", clauseTitle: "Operations security", objective: "12.5", objectiveTitle: "Control of operational software", successors: []ControlID{"8.19"}},
	{id: "12.6.1", title: "Management of technical vulnerabilities", clause: "12", clauseTitle: "Operations security", objective: "12.6", objectiveTitle: "Technical vulnerability management", successors: []ControlID{"8.8"}},
	{id: "12.6.2", title: "Restrictions on software installation", clause: "12", clauseTitle: "Operations security", objective: "12.6", objectiveTitle: "Technical vulnerability management", successors: []ControlID{"8.19"}},
	{id: "12.7.1", title: "Information systems audit controls", clause: "12", clauseTitle: "Operations security", objective: "12.7", objectiveTitle: "Information systems audit considerations", successors: []ControlID{"8.34"}},
	{id: "13.1.1", title: "Network controls", clause: "13", clauseTitle: "Communications security", objective: "13.1", objectiveTitle: "Network security management", successors: []ControlID{"8.20"}},
	{id: "13.1.2", title: "Security of network services", clause: "13", clauseTitle: "Communications security", objective: "13.1", objectiveTitle: "Network security management", successors: []ControlID{"8.21"}},
	{id: "13.1.3", title: "Segregation in networks", clause: "13", clauseTitle: "Communications security", objective: "13.1", objectiveTitle: "Network security management", successors: []ControlID{"8.22"}},
	{id: "13.2.1", title: "Information transfer policies and procedures", clause: "13", clauseTitle: "Communications security", objective: "13.2", objectiveTitle: "Information transfer", successors: []ControlID{"5.14"}},
	{id: "13.2.2", title: "Agreements on information transfer", clause: "13", clauseTitle: "Communications security", objective: "13.2", objectiveTitle: "Information transfer", successors: []ControlID{"5.14"}},
	{id: "13.2.3", title: "Electronic messaging", clause: "13", clauseTitle: "Communications security", objective: "13.2", objectiveTitle: "Information transfer", successors: []ControlID{"5.14"}},
	{id: "13.2.4", title: "Confidentiality or non-disclosure agreements", clause: "13", clauseTitle: "Communications security", objective: "13.2", objectiveTitle: "Information transfer", successors: []ControlID{"6.6"}},
	{id: "14.1.1", title: "Information security requirements analysis and specification", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.1", objectiveTitle: "Security requirements of information systems", successors: []ControlID{"5.8"}},
	{id: "14.1.2", title: "Securing application services on public networks", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.1", objectiveTitle: "Security requirements of information systems", successors: []ControlID{"8.26"}},
	{id: "14.1.3", title: "Protecting application services transactions", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.1", objectiveTitle: "Security requirements of information systems", successors: []ControlID{"8.26"}},
	{id: "14.2.1", title: "Secure development policy", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.25"}},
	{id: "14.2.2", title: "System change control procedures", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.32"}},
	{id: "14.2.3", title: "Technical review of applications after operating platform changes", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.32"}},
	{id: "14.2.4", title: "Restrictions on changes to software packages", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.32"}},
	{id: "14.2.5", title: "Secure system engineering principles", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.27"}},
	{id: "14.2.6", title: "Secure development environment", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.31"}},
	{id: "14.2.7", title: "Outsourced development", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.30"}},
	{id: "14.2.8", title: "System security testing", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.29"}},
	{id: "14.2.9", title: "System acceptance testing", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.2", objectiveTitle: "Security in development and support processes", successors: []ControlID{"8.29"}},
	{id: "14.3.1", title: "Protection of test data", clause: "14", clauseTitle: "System acquisition, development and maintenance", objective: "14.3", objectiveTitle: "Test data", successors: []ControlID{"8.33"}},
	{id: "15.1.1", title: "Information security policy for supplier relationships", clause: "15", clauseTitle: "Supplier relationships", objective: "15.1", objectiveTitle: "Information security in supplier relationships", successors: []ControlID{"5.19"}},
	{id: "15.1.2", title: "Addressing security within supplier agreements", clause: "15", clauseTitle: "Supplier relationships", objective: "15.1", objectiveTitle: "Information security in supplier relationships", successors: []ControlID{"5.20"}},
	{id: "15.1.3", title: "Information and communication technology supply chain", clause: "15", clauseTitle: "Supplier relationships", objective: "15.1", objectiveTitle: "Information security in supplier relationships", successors: []ControlID{"5.21"}},
	{id: "15.2.1", title: "Monitoring and review of supplier services", clause: "15", clauseTitle: "Supplier relationships", objective: "15.2", objectiveTitle: "Supplier service delivery management", successors: []ControlID{"5.22"}},
	{id: "15.2.2", title: "Managing changes to supplier services", clause: "15", clauseTitle: "Supplier relationships", objective: "15.2", objectiveTitle: "Supplier service delivery management", successors: []ControlID{"5.22"}},
	{id: "16.1.1", title: "Responsibilities and procedures", clause: "16", clauseTitle: "Information security incident management", objective: "16.1", objectiveTitle: "Management of information security incidents and improvements", successors: []ControlID{"5.24"}},
	{id: "16.1.2", title: "Reporting information security events", clause: "16", clauseTitle: "Information security incident management", objective: "16.1", objectiveTitle: "Management of information security incidents and improvements", successors: []ControlID{"6.8"}},
	{id: "16.1.3", title: "Reporting information security weaknesses", clause: "16", clauseTitle: "Information security incident management", objective: "16.1", objectiveTitle: "Management of information security incidents and improvements", successors: []ControlID{"6.8"}},
	{id: "16.1.4", title: "Assessment of and decision on information security events", clause: "16", clauseTitle: "Information security incident management", objective: "16.1", objectiveTitle: "Management of information security incidents and improvements", successors: []ControlID{"5.25"}},
	{id: "16.1.5", title: "Response to information security incidents", clause: "16", clauseTitle: "Information security incident management", objective: "16.1", objectiveTitle: "Management of information security incidents and improvements", successors: []ControlID{"5.26"}},
	{id: "16.1.6", title: "Learning from information security incidents", clause: "16", clauseTitle: "Information security incident management", objective: "16.1", objectiveTitle: "Management of information security incidents and improvements", successors: []ControlID{"5.27"}},
	{id: "16.1.7", title: "Collection of evidence", clause: "16", clauseTitle: "Information security incident management", objective: "16.1", objectiveTitle: "Management of information security incidents and improvements", successors: []ControlID{"5.28"}},
	{id: "17.1.1", title: "Planning information security continuity", clause: "17", clauseTitle: "Information security aspects of business continuity management", objective: "17.1", objectiveTitle: "Information security continuity", successors: []ControlID{"5.29"}},
	{id: "17.1.2", title: "Implementing information security continuity", clause: "17", clauseTitle: "Information security aspects of business continuity management", objective: "17.1", objectiveTitle: "Information security continuity", successors: []ControlID{"5.29"}},
	{id: "17.1.3", title: "Verify, review and evaluate information security continuity", clause: "17", clauseTitle: "Information security aspects of business continuity management", objective: "17.1", objectiveTitle: "Information security continuity", successors: []ControlID{"5.29"}},
	{id: "17.2.1", title: "Availability of information processing facilities", clause: "17", clauseTitle: "Information security aspects of business continuity management", objective: "17.2", objectiveTitle: "Redundancies", successors: []ControlID{"8.14"}},
	{id: "18.1.1", title: "Identification of applicable legislation and contractual requirements", clause: "18", clauseTitle: "Compliance", objective: "18.1", objectiveTitle: "Compliance with legal and contractual requirements", successors: []ControlID{"5.31"}},
	{id: "18.1.2", title: "Intellectual property rights", clause: "18", clauseTitle: "Compliance", objective: "18.1", objectiveTitle: "Compliance with legal and contractual requirements", successors: []ControlID{"5.32"}},
	{id: "18.1.3", title: "Protection of records", clause: "18", clauseTitle: "Compliance", objective: "18.1", objectiveTitle: "Compliance with legal and contractual requirements", successors: []ControlID{"5.33"}},
	{id: "18.1.4", title: "Privacy and protection of personally identifiable information", clause: "18", clauseTitle: "Compliance", objective: "18.1", objectiveTitle: "Compliance with legal and contractual requirements", successors: []ControlID{"5.34"}},
	{id: "18.1.5", title: "Regulation of cryptographic controls", clause: "18", clauseTitle: "Compliance", objective: "18.1", objectiveTitle: "Compliance with legal and contractual requirements", successors: []ControlID{"5.31"}},
	{id: "18.2.1", title: "Independent review of information security", clause: "18", clauseTitle: "Compliance", objective: "18.2", objectiveTitle: "Information security reviews", successors: []ControlID{"5.35"}},
	{id: "18.2.2", title: "Compliance with security policies and standards", clause: "18", clauseTitle: "Compliance", objective: "18.2", objectiveTitle: "Information security reviews", successors: []ControlID{"5.36"}},
	{id: "18.2.3", title: "Technical compliance review", clause: "18", clauseTitle: "Compliance", objective: "18.2", objectiveTitle: "Information security reviews", successors: []ControlID{"5.36", "8.8"}},
}

// predecessors2013 is the inverse of the successors above, indexed like
// the 2022 catalogue (ISO/IEC 27002:2022 Table B.1). Controls new in 2022
// have none.
var predecessors2013 = [...][]Control2013ID{
	0:  {"5.1.1", "5.1.2"},                       // 5.1
	1:  {"6.1.1"},                                // 5.2
	2:  {"6.1.2"},                                // 5.3
	3:  {"7.2.1"},                                // 5.4
	4:  {"6.1.3"},                                // 5.5
	5:  {"6.1.4"},                                // 5.6
	6:  {},                                       // 5.7
	7:  {"6.1.5", "14.1.1"},                      // 5.8
	8:  {"8.1.1", "8.1.2"},                       // 5.9
	9:  {"8.1.3", "8.2.3"},                       // 5.10
	10: {"8.1.4"},                                // 5.11
	11: {"8.2.1"},                                // 5.12
	12: {"8.2.2"},                                // 5.13
	13: {"13.2.1", "13.2.2", "13.2.3"},           // 5.14
	14: {"9.1.1", "9.1.2"},                       // 5.15
	15: {"9.2.1"},                                // 5.16
	16: {"9.2.4", "9.3.1", "9.4.3"},              // 5.17
	17: {"9.2.2", "9.2.5", "9.2.6"},              // 5.18
	18: {"15.1.1"},                               // 5.19
	19: {"15.1.2"},                               // 5.20
	20: {"15.1.3"},                               // 5.21
	21: {"15.2.1", "15.2.2"},                     // 5.22
	22: {},                                       // 5.23
	23: {"16.1.1"},                               // 5.24
	24: {"16.1.4"},                               // 5.25
	25: {"16.1.5"},                               // 5.26
	26: {"16.1.6"},                               // 5.27
	27: {"16.1.7"},                               // 5.28
	28: {"17.1.1", "17.1.2", "17.1.3"},           // 5.29
	29: {},                                       // 5.30
	30: {"18.1.1", "18.1.5"},                     // 5.31
	31: {"18.1.2"},                               // 5.32
	32: {"18.1.3"},                               // 5.33
	33: {"18.1.4"},                               // 5.34
	34: {"18.2.1"},                               // 5.35
	35: {"18.2.2", "18.2.3"},                     // 5.36
	36: {"12.1.1"},                               // 5.37
	37: {"7.1.1"},                                // 6.1
	38: {"7.1.2"},                                // 6.2
	39: {"7.2.2"},                                // 6.3
	40: {"7.2.3"},                                // 6.4
	41: {"7.3.1"},                                // 6.5
	42: {"13.2.4"},                               // 6.6
	43: {"6.2.2"},                                // 6.7
	44: {"16.1.2", "16.1.3"},                     // 6.8
	45: {"11.1.1"},                               // 7.1
	46: {"11.1.2", "11.1.6"},                     // 7.2
	47: {"11.1.3"},                               // 7.3
	48: {},                                       // 7.4
	49: {"11.1.4"},                               // 7.5
	50: {"11.1.5"},                               // 7.6
	51: {"11.2.9"},                               // 7.7
	52: {"11.2.1"},                               // 7.8
	53: {"11.2.6"},                               // 7.9
	54: {"8.3.1", "8.3.2", "8.3.3", "11.2.5"},    // 7.10
	55: {"11.2.2"},                               // 7.11
	56: {"11.2.3"},                               // 7.12
	57: {"11.2.4"},                               // 7.13
	58: {"11.2.7"},                               // 7.14
	59: {"6.2.1", "11.2.8"},                      // 8.1
	60: {"9.2.3"},                                // 8.2
	61: {"9.4.1"},                                // 8.3
	62: {"9.4.5"},                                // 8.4
	63: {"9.4.2"},                                // 8.5
	64: {"12.1.3"},                               // 8.6
	65: {"12.2.1"},                               // 8.7
	66: {"12.6.1", "18.2.3"},                     // 8.8
	67: {},                                       // 8.9
	68: {},                                       // 8.10
	69: {},                                       // 8.11
	70: {},                                       // 8.12
	71: {"12.3.1"},                               // 8.13
	72: {"17.2.1"},                               // 8.14
	73: {"12.4.1", "12.4.2", "12.4.3"},           // 8.15
	74: {},                                       // 8.16
	75: {"12.4.4"},                               // 8.17
	76: {"9.4.4"},                                // 8.18
	77: {"12.5.1", "12.6.2"},                     // 8.19
	78: {"13.1.1"},                               // 8.20
	79: {"13.1.2"},                               // 8.21
	80: {"13.1.3"},                               // 8.22
	81: {},                                       // 8.23
	82: {"10.1.1", "10.1.2"},                     // 8.24
	83: {"14.2.1"},                               // 8.25
	84: {"14.1.2", "14.1.3"},                     // 8.26
	85: {"14.2.5"},                               // 8.27
	86: {},                                       // 8.28
	87: {"14.2.8", "14.2.9"},                     // 8.29
	88: {"14.2.7"},                               // 8.30
	89: {"12.1.4", "14.2.6"},                     // 8.31
	90: {"12.1.2", "14.2.2", "14.2.3", "14.2.4"}, // 8.32
	91: {"14.3.1"},                               // 8.33
	92: {"12.7.1"},                               // 8.34
}
