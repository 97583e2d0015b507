package org.qaqpa.contract;

import org.qaqpa.xml.ContractSchema;

/** What an assertion may use besides the exchange: the test case's properties and the run's shared resources. */
record StepContext(PropertyValues properties, RunResources resources) {

    ContractSchema schema() {
        return resources.schema();
    }

    AnswerTrust trust() {
        return resources.trust();
    }
}
