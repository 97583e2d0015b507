package org.qaqpa.sandbox.eservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qaqpa.sandbox.eservice.QualitySurvey.Answer;
import org.qaqpa.sandbox.eservice.QualitySurvey.Response;

class QualitySurveyTest {

    @Test
    void reportsOneAnswerPerApplicationForBothQuestions() {
        QualitySurvey survey = new QualitySurvey();
        survey.answer("S", "S-1", new Response(Answer.NOT_SATISFIED, Answer.SATISFIED));
        survey.answer("S", "S-1", new Response(Answer.SATISFIED, Answer.SATISFIED));
        survey.answer("S", "S-2", new Response(Answer.PARTIALLY_SATISFIED, Answer.NOT_SATISFIED));

        assertThat(survey.report("S")).isEqualTo("process and result not satisfied 0, partially satisfied 1, satisfied 1;"
                + " information not satisfied 1, partially satisfied 0, satisfied 1");
    }
}
