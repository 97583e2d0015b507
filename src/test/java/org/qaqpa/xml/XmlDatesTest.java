package org.qaqpa.xml;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/** {@link XmlDates} reads every form of xs:dateTime as {@code toGregorianCalendar().toInstant()} does. */
class XmlDatesTest {

    @Test
    void readsDatesAsTheGregorianCalendarDoes() throws Exception {
        DatatypeFactory dates = DatatypeFactory.newInstance();
        for (String text : new String[] {"2026-12-05T21:30:00.123+05:00", "2026-12-05T21:30:00Z", "2026-12-05T21:30:00",
                "2026-12-05T21:30:00.1234567-03:30", "2026-02-28T24:00:00+06:00", "0001-01-01T00:00:00Z",
                "12026-01-01T00:00:00Z", "-0044-03-15T12:00:00Z", "2026-03-29T02:30:00"}) {
            var date = dates.newXMLGregorianCalendar(text);
            assertThat(XmlDates.instant(date)).as(text).isEqualTo(date.toGregorianCalendar().toInstant());
        }
        // Field by field, a calendar can name a day its month lacks; it is read leniently, as before.
        var february30 = dates.newXMLGregorianCalendar("2026-02-28T10:00:00Z");
        february30.setDay(30);
        assertThat(XmlDates.instant(february30)).isEqualTo(february30.toGregorianCalendar().toInstant());
    }
}
