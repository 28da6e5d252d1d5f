package annexa

// physical holds the physical controls of Annex A (clause 7) in canonical order.
var physical = [...]control{
	{
		id: "7.1", title: "Physical security perimeters", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aProtection,
		methods: mInterview | mDocumentReview | mObservation,
		questions: []string{
			"During a walk along the perimeter, are there weak points such as propped-open doors, ground-floor windows without protection or unattended loading bays?",
			"Do site plans mark the boundaries of each security zone, and do they match what the auditor sees on site?",
			"Are emergency exits alarmed and do they prevent entry from outside while still allowing quick exit?",
		},
		evidence: []string{
			"site plans with marked security zones",
			"walk-through notes and photographs of doors and barriers",
			"alarm test records for perimeter doors",
		},
	},
	{
		id: "7.2", title: "Physical entry", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aIdentityAndAccessManagement | aProtection,
		methods: mDocumentReview | mObservation | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Comparing the badge system's list of people allowed into a secure area with current staff and roles, are there leavers or people without a need?",
			"At reception, are visitors identified, logged, given visible badges and escorted, as seen while the auditor waits?",
			"When the auditor tries a controlled door without a badge or holds it open, does it stay locked or raise an alarm?",
			"Are entry rights to secure areas reviewed at set intervals, and do the latest reviews show removals being made?",
		},
		evidence: []string{
			"visitor logs",
			"access control system rights list and entry logs",
			"access review records for secure areas",
			"delivery and loading area procedures",
		},
	},
	{
		id: "7.3", title: "Securing offices, rooms and facilities", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aAssetManagement | aProtection,
		methods: mInterview | mDocumentReview | mObservation,
		questions: []string{
			"During the walk-through, are rooms holding sensitive equipment or records locked when nobody is present?",
			"Do signs, directories or floor plans visible to the public avoid pointing out where sensitive facilities are?",
			"Who holds keys or door codes for secured rooms, is issuance tracked, and were codes changed after holders left?",
		},
		evidence: []string{
			"key register and code change records",
			"walk-through observation notes",
			"list of secured rooms with their owners",
		},
	},
	{
		id: "7.4", title: "Physical security monitoring", theme: Physical,
		attrs:   aPreventive | aDetective | aConfidentiality | aIntegrity | aAvailability | aProtect | aDetect | aPhysicalSecurity | aProtection | aDefence,
		methods: mDocumentReview | mObservation | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Do cameras cover entrances, exits and sensitive areas without blind spots, and can footage from the oldest day of the retention period actually be retrieved?",
			"Are intrusion alarms tested regularly, and do test alerts reach a monitored point that responds within the agreed time?",
			"Who may view recordings and alarm data, and is that access restricted and logged?",
		},
		evidence: []string{
			"CCTV coverage map and recording retention settings",
			"intrusion alarm test and maintenance records",
			"guard patrol logs or alarm response records",
		},
	},
	{
		id: "7.5", title: "Protecting against physical and environmental threats", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aProtection,
		methods: mInterview | mDocumentReview | mObservation | mRecordSampling,
		questions: []string{
			"Has each site been assessed for threats such as flooding, fire, storms or neighbouring hazards, and is protection planned to match the results?",
			"Are fire detection, suppression and water leak sensors present in equipment rooms and serviced on schedule?",
			"Did recent inspections or drills identify weaknesses, and have those been fixed?",
		},
		evidence: []string{
			"site threat and environmental risk assessment",
			"fire system and leak detection inspection certificates",
			"equipment room sensor configuration and alert history",
		},
	},
	{
		id: "7.6", title: "Working in secure areas", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aProtection,
		methods: mInterview | mDocumentReview | mObservation,
		questions: []string{
			"Are the rules for secure areas, such as bans on unsupervised third-party work and on photography, displayed and visibly followed?",
			"Is work by contractors or visitors inside secure areas supervised, and is their presence logged?",
			"Are empty secure areas kept locked and inspected periodically, with the checks recorded?",
		},
		evidence: []string{
			"secure area working rules",
			"escort and supervision logs for contractors",
			"periodic inspection records of unoccupied areas",
		},
	},
	{
		id: "7.7", title: "Clear desk and clear screen", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aProtect | aPhysicalSecurity | aProtection,
		methods: mInterview | mDocumentReview | mObservation | mTechnicalVerification,
		questions: []string{
			"During an unannounced or after-hours walk-through, are sensitive papers, removable media or unlocked screens left unattended?",
			"Is automatic screen locking enforced by central policy, and what timeout is configured on a sample of devices?",
			"Are printers set to release jobs only after the user authenticates, or are printouts otherwise collected promptly?",
		},
		evidence: []string{
			"clear desk sweep results",
			"group policy or device management screen lock settings",
			"secure print configuration",
			"locations of confidential waste bins",
		},
	},
	{
		id: "7.8", title: "Equipment siting and protection", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aAssetManagement | aProtection,
		methods: mDocumentReview | mObservation | mTechnicalVerification,
		questions: []string{
			"Is equipment placed to limit overlooking of screens and exposure to water, heat, dust or knocks, as seen on site?",
			"Are temperature and humidity in equipment rooms monitored against thresholds, and were recent alerts acted on?",
			"Are rules on eating, drinking and smoking near processing equipment stated and respected?",
		},
		evidence: []string{
			"environmental monitoring dashboards and alert logs",
			"equipment room layout and photographs",
			"equipment siting guidelines",
		},
	},
	{
		id: "7.9", title: "Security of assets off-premises", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aAssetManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is removal of equipment from the premises authorized and recorded, and does the register match the location of a sample of such assets?",
			"Does the device management report show laptops and phones used outside the premises as encrypted and remotely wipeable?",
			"Do staff know what to do when a device is lost or stolen, and were recent losses reported and handled as planned?",
		},
		evidence: []string{
			"asset register with off-site checkout records",
			"disk encryption and device management compliance report",
			"lost or stolen device incident tickets",
		},
	},
	{
		id: "7.10", title: "Storage media", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aAssetManagement | aProtection,
		methods: mDocumentReview | mObservation | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Is the use of removable media limited by endpoint controls, and are the exceptions approved and still needed?",
			"Is media holding sensitive information inventoried, labelled and stored securely, as seen in the storage location?",
			"When media is sent elsewhere, are approved couriers, tracking and encryption used, according to the transfer records?",
		},
		evidence: []string{
			"removable media policy and endpoint control configuration",
			"media inventory and transfer logs",
			"media destruction certificates",
		},
	},
	{
		id: "7.11", title: "Supporting utilities", theme: Physical,
		attrs:   aPreventive | aDetective | aIntegrity | aAvailability | aProtect | aDetect | aPhysicalSecurity | aProtection,
		methods: mDocumentReview | mObservation | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"Are UPS units and generators tested under load at the planned frequency, and were the results within acceptable limits?",
			"Does the capacity of power and cooling meet current demand, and have single points of failure been identified and addressed?",
			"Do utility failures trigger alarms, and were recent outages handled without loss of service or data?",
		},
		evidence: []string{
			"UPS and generator test and maintenance records",
			"power and cooling capacity reports",
			"utility alarm and outage logs",
		},
	},
	{
		id: "7.12", title: "Cabling security", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aAvailability | aProtect | aPhysicalSecurity | aProtection,
		methods: mInterview | mDocumentReview | mObservation,
		questions: []string{
			"During the walk-through, are power and network cables protected from damage and tapping, for example in conduits and locked communication rooms?",
			"Are cabling diagrams current and patch panels labelled well enough that an unauthorized connection would be noticed?",
			"Are power and data cables kept apart where interference could affect communications?",
		},
		evidence: []string{
			"cabling diagrams and patch panel labelling",
			"photographs of cable routes and communication rooms",
			"cabling inspection records",
		},
	},
	{
		id: "7.13", title: "Equipment maintenance", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aIntegrity | aAvailability | aProtect | aPhysicalSecurity | aAssetManagement | aProtection | aResilience,
		methods: mInterview | mDocumentReview | mObservation | mRecordSampling,
		questions: []string{
			"Does the maintenance log for a sample of critical equipment show servicing at the intervals the supplier recommends?",
			"Are maintenance staff authorized and supervised, and is data removed or protected before equipment leaves for repair?",
			"Is equipment checked for tampering and correct operation after maintenance before it returns to service?",
		},
		evidence: []string{
			"maintenance schedules and service reports",
			"supplier maintenance contracts",
			"records of equipment sent off-site for repair",
		},
	},
	{
		id: "7.14", title: "Secure disposal or re-use of equipment", theme: Physical,
		attrs:   aPreventive | aConfidentiality | aProtect | aPhysicalSecurity | aAssetManagement | aProtection,
		methods: mInterview | mDocumentReview | mTechnicalVerification | mRecordSampling,
		questions: []string{
			"For a sample of retired or reissued devices, is there proof that storage was wiped or destroyed by a method fitting the data's classification?",
			"Do destruction certificates from the disposal provider match the asset register entries for retired equipment?",
			"When the auditor inspects a reissued laptop or drive, is there any trace of the previous user's data?",
		},
		evidence: []string{
			"disposal and sanitization procedure",
			"certificates of destruction from disposal providers",
			"wiping tool reports",
			"asset register entries for retired equipment",
		},
	},
}
