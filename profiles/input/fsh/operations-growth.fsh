// The gateway's growth chart operation (decision 025): GET [base]/Patient/{id}/$growth-chart.

Instance: Patient-growth-chart
InstanceOf: OperationDefinition
Usage: #definition
Title: "Growth chart of a child"
Description: "An SVG image of the child's measurements over the WHO Child Growth Standards reference curves (−3 to +3 SD) of the child's sex, sized for a phone screen and labelled in Kazakh, Russian or English by Accept-Language. The gateway computes the plotted values as it scores them (length/height after the 0.7 cm lying/standing adjustment)."
* url = "https://fhir.patronage.kz/OperationDefinition/Patient-growth-chart"
* name = "GrowthChart"
* title = "Growth chart of a child"
* status = #draft
* kind = #operation
* code = #growth-chart
* resource = #Patient
* system = false
* type = false
* instance = true
* affectsState = false
* parameter[+].name = #indicator
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "weight-for-age, length-height-for-age, weight-for-length-height, bmi-for-age, head-circumference-for-age or arm-circumference-for-age (also accepted: length-for-age, height-for-age, weight-for-length, weight-for-height, muac-for-age, and the growth-indicator codes)."
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Binary
* parameter[=].documentation = "The chart, answered as image/svg+xml (not wrapped in a Binary resource)."
