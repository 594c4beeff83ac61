// National exchange code systems: the events of inbound messages and where a cached record came from.

CodeSystem: MessageEvent
Id: message-event
Title: "Patronage message event"
Description: "Events of the FHIR messages the gateway takes at $process-message (MessageHeader.eventCoding): a maternity hospital's discharge of a newborn, and the national register's assignment of an IIN to a newborn registered under a provisional identifier."
* insert LocalCodeSystem
* insert Term(maternity-discharge, Maternity discharge of a newborn, Жаңа туған нәрестенің перзентханадан шығуы, Выписка новорождённого из роддома)
* insert Term(newborn-iin-assigned, IIN assigned to a newborn, Жаңа туған нәрестеге ЖСН берілді, Новорождённому присвоен ИИН)

ValueSet: MessageEventVS
Id: message-event
Title: "Patronage message event"
Description: "The message events the gateway processes."
* insert LocalValueSet
* include codes from system MessageEvent

CodeSystem: RecordSource
Id: record-source
Title: "Record source"
Description: "Where a record held by the gateway came from, as a meta.tag, when it was not written by a local client."
* insert LocalCodeSystem
* insert Term(national-register, Cached from the national register, Ұлттық тіркелімнен алынған, Получено из национального регистра)

ValueSet: RecordSourceVS
Id: record-source
Title: "Record source"
Description: "Where a record came from, when not from a local client."
* insert LocalValueSet
* include codes from system RecordSource
