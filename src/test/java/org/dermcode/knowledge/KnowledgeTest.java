package org.dermcode.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.dermcode.TestTerminology;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeTest {

    private final Knowledge knowledge = TestTerminology.KNOWLEDGE;

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    @Nested
    class Releases {

        @Test
        void feeScheduleIsTheCalendarYearClampedToTheReleasesHeld() {
            assertThat(knowledge.pfsRelease(day("2023-11-30")).id()).isEqualTo("RVU24AR");
            assertThat(knowledge.pfsRelease(day("2024-12-31")).id()).isEqualTo("RVU24AR");
            assertThat(knowledge.pfsRelease(day("2025-01-01")).id()).isEqualTo("RVU25D");
            assertThat(knowledge.pfsRelease(day("2026-12-01")).id()).isEqualTo("RVU26C");
            assertThat(knowledge.pfsRelease(day("2027-03-01")).id()).isEqualTo("RVU26C");
            assertThat(knowledge.pfsRelease(null).label()).isEqualTo("CY2026 fee schedule");
        }

        @Test
        void ncciReleaseInForceIsTheQuarterEarliestBeforeTheFirst() {
            assertThat(knowledge.ncciRelease(day("2024-01-15")).id()).isEqualTo("2024Q3");
            assertThat(knowledge.ncciRelease(day("2026-03-31")).id()).isEqualTo("2024Q3");
            assertThat(knowledge.ncciRelease(day("2026-04-01")).id()).isEqualTo("2026Q2");
            assertThat(knowledge.ncciRelease(day("2026-04-01")).label("PTP")).isEqualTo("NCCI PTP 2026 Q2");
        }

        @Test
        void icdFiscalYearStartsOnTheFirstOfOctober() {
            assertThat(knowledge.icdFiscalYear(day("2024-09-30")).id()).isEqualTo("FY2024");
            assertThat(knowledge.icdFiscalYear(day("2024-10-01")).id()).isEqualTo("FY2025");
            assertThat(knowledge.icdFiscalYear(day("2026-10-01")).id()).isEqualTo("FY2027");
            assertThat(knowledge.icdFiscalYear(day("2023-01-01")).id()).isEqualTo("FY2024");
            assertThat(knowledge.icdFiscalYear(null).year()).isEqualTo("2027");
        }

        @Test
        void everyReleaseIsListed() {
            assertThat(knowledge.releases()).extracting(Release::id).containsExactly("RVU24AR", "RVU25D", "RVU26C",
                    "2024Q3", "2026Q2", "FY2024", "FY2025", "FY2026", "FY2027");
        }
    }

    @Nested
    class FactsOnADate {

        @Test
        void feeScheduleFactsAreThoseOfTheYear() {
            CmsFacts y2024 = knowledge.facts("11102", day("2024-06-01"));
            CmsFacts y2026 = knowledge.facts("11102", day("2026-06-01"));
            assertThat(y2024.pfsRelease().id()).isEqualTo("RVU24AR");
            assertThat(y2024.fees().workRvu()).isEqualByComparingTo(new BigDecimal("0.66"));
            assertThat(y2026.fees().workRvu()).isEqualByComparingTo(new BigDecimal("0.64"));
            assertThat(y2026.fees().nonFacilityRvu()).isEqualByComparingTo(new BigDecimal("2.86"));
            assertThat(y2026.fees().globalDays()).isEqualTo("000");
            assertThat(knowledge.facts("11102", null)).isSameAs(y2026);
        }

        @Test
        void aCodeDroppedFromAFeeScheduleHasNoRowThatYear() {
            assertThat(knowledge.fees("J7309", day("2025-06-01"))).isPresent();
            assertThat(knowledge.fees("J7309", day("2026-06-01"))).isEmpty();
        }

        @Test
        void coveredCodesUseThe2024Q3EditsUntil2026Q2() {
            assertThat(knowledge.mue("11102", day("2025-06-01")).orElseThrow().release().id()).isEqualTo("2024Q3");
            assertThat(knowledge.mue("11102", day("2026-04-01")).orElseThrow().release().id()).isEqualTo("2026Q2");
            assertThat(knowledge.addOnPrimaries("17003", day("2024-08-01"))).containsExactly("17000");
            assertThat(knowledge.ncciRelease("17003", day("2024-08-01")).orElseThrow().id()).isEqualTo("2024Q3");
        }

        @Test
        void codesOutsideThe2024Q3CoverageUseTheNextReleaseThatCoversThem() {
            Mue mue = knowledge.mue("11200", day("2024-08-01")).orElseThrow();
            assertThat(mue.release().id()).isEqualTo("2026Q2");
            assertThat(mue.units()).isEqualTo(1);
            assertThat(knowledge.ncciRelease("11200", day("2024-01-01")).orElseThrow().id()).isEqualTo("2026Q2");
        }

        @Test
        void g2211GetsItsAddOnPrimariesFrom2026Q2() {
            assertThat(knowledge.addOnPrimaries("G2211", day("2025-06-01"))).isEmpty();
            assertThat(knowledge.addOnPrimaries("G2211", day("2026-06-01"))).contains("99213", "99341");
        }

        @Test
        void unknownCodesHaveOnlyTheFeeScheduleRelease() {
            CmsFacts facts = knowledge.facts("99999", day("2025-02-02"));
            assertThat(facts.fees()).isNull();
            assertThat(facts.mue()).isNull();
            assertThat(facts.pfsRelease().id()).isEqualTo("RVU25D");
            assertThat(knowledge.facts("99999", day("2025-03-03"))).isSameAs(facts);
        }
    }

    @Nested
    class FeeScheduleComponents {

        @Test
        void aSplitCodeHasItsProfessionalAndTechnicalRowsOfTheYear() {
            FeeScheduleRow pc2024 = knowledge.fees("88305", "26", day("2024-06-01")).orElseThrow();
            FeeScheduleRow tc2024 = knowledge.fees("88305", "TC", day("2024-06-01")).orElseThrow();
            FeeScheduleRow pc2026 = knowledge.fees("88305", "26", day("2026-06-01")).orElseThrow();
            assertThat(pc2024.modifier()).isEqualTo("26");
            assertThat(pc2024.nonFacilityRvu()).isEqualByComparingTo(new BigDecimal("1.08"));
            assertThat(tc2024.nonFacilityRvu()).isEqualByComparingTo(new BigDecimal("1.07"));
            assertThat(pc2026.facilityRvu()).isEqualByComparingTo(new BigDecimal("1.05"));
            assertThat(pc2026.multipleProcedure()).isEqualTo("0");
            assertThat(knowledge.fees("88305", day("2026-06-01")).orElseThrow().nonFacilityRvu())
                    .isEqualByComparingTo(new BigDecimal("2.10"));
            assertThat(knowledge.facts("88305", day("2026-06-01")).component("TC").workRvu())
                    .isEqualByComparingTo(BigDecimal.ZERO);
        }

        @Test
        void aCodeWithoutTheSplitHasNoComponentRows() {
            assertThat(knowledge.fees("11102", "26", day("2026-06-01"))).isEmpty();
            assertThat(knowledge.fees("96900", "TC", day("2026-06-01"))).isEmpty();
            assertThat(knowledge.fees("88305", "59", day("2026-06-01"))).isEmpty();
        }

        @Test
        void statusIndicatorsSayWhetherMedicarePays() {
            assertThat(knowledge.pfsStatus("B").orElseThrow().medicarePays()).isFalse();
            assertThat(knowledge.pfsStatus("B").orElseThrow().meaning()).startsWith("bundled");
            assertThat(knowledge.pfsStatus("N").orElseThrow().medicarePays()).isFalse();
            assertThat(knowledge.pfsStatus("A").orElseThrow().medicarePays()).isTrue();
            assertThat(knowledge.pfsStatus("E").orElseThrow().medicarePays()).isTrue();
            assertThat(knowledge.pfsStatus("Q")).isEmpty();
            assertThat(knowledge.pfsStatus(null)).isEmpty();
        }
    }

    @Nested
    class PtpPairs {

        @Test
        void aPairIsFoundWhicheverCodeComesFirst() {
            PtpPair pair = knowledge.ptp("11102", "17110", day("2024-05-06")).orElseThrow();
            assertThat(pair.column1()).isEqualTo("17110");
            assertThat(pair.column2()).isEqualTo("11102");
            assertThat(pair.release().id()).isEqualTo("2024Q3");
            assertThat(pair.orientation()).isEqualTo("cms");
            assertThat(knowledge.ptp("17110", "11102", day("2024-05-06"))).contains(pair);
        }

        @Test
        void aPairCoveredBy2024Q3ButNotInItHasNoEditUntil2026Q2() {
            assertThat(knowledge.ptp("10061", "11403", day("2025-05-01"))).isEmpty();
            PtpPair pair = knowledge.ptp("10061", "11403", day("2026-05-01")).orElseThrow();
            assertThat(pair.release().id()).isEqualTo("2026Q2");
            assertThat(pair.orderGuessed()).isTrue();
        }

        @Test
        void aPairOfTwoCodesOutsideThe2024Q3CoverageIsJudgedBy2026Q2() {
            PtpPair pair = knowledge.ptp("11200", "10060", day("2024-08-01")).orElseThrow();
            assertThat(pair.release().id()).isEqualTo("2026Q2");
        }

        @Test
        void noPairWithoutAnEdit() {
            assertThat(knowledge.ptp("17311", "17313", day("2026-05-01"))).isEmpty();
            assertThat(knowledge.ptp("17311", null, day("2026-05-01"))).isEmpty();
        }
    }

    @Nested
    class Icd {

        @Test
        void headersAndBillableCodesPerFiscalYear() {
            for (String code : new String[] {"L29.8", "L66.1", "L66.8"}) {
                assertThat(knowledge.icd(code, day("2024-06-01"))).as(code).isEqualTo(IcdStatus.BILLABLE);
                assertThat(knowledge.icd(code, day("2024-10-01"))).as(code).isEqualTo(IcdStatus.HEADER);
            }
            assertThat(knowledge.icd("L02.237", day("2026-09-30"))).isEqualTo(IcdStatus.ABSENT);
            assertThat(knowledge.icd("L02.237", day("2026-10-01"))).isEqualTo(IcdStatus.BILLABLE);
            assertThat(knowledge.icdKnown("L02.237")).isTrue();
            assertThat(knowledge.icdKnown("Z99.99")).isFalse();
        }

        @Test
        void childrenOfAHeaderInAFiscalYear() {
            assertThat(knowledge.icdChildren("L29.8", day("2024-06-01"))).isEmpty();
            assertThat(knowledge.icdChildren("L29.8", day("2025-06-01"))).contains("L29.81");
        }
    }

    @Nested
    class Loading {

        @TempDir
        Path temp;

        @Test
        void aMissingTableStopsWithItsName() {
            assertThatThrownBy(() -> Knowledge.load(temp)).isInstanceOf(KnowledgeLoadException.class)
                    .hasMessageContaining(temp.resolve(Knowledge.RELEASES).toString())
                    .hasMessageContaining("cannot read file");
        }

        @Test
        void aBadHeaderStopsWithTheExpectedOne() throws IOException {
            Files.writeString(temp.resolve(Knowledge.RELEASES), "id,kind\n");
            assertThatThrownBy(() -> Knowledge.load(temp)).isInstanceOf(KnowledgeLoadException.class)
                    .hasMessageContaining("expected the header release,kind,period,effective_from");
        }

        @Test
        void aBadRowStopsWithItsLine() throws IOException {
            for (String name : new String[] {"releases.csv", "pfs-RVU24AR.csv", "ncci-2024Q3-ptp.csv"}) {
                Files.copy(Path.of("rules", name), temp.resolve(name));
            }
            Files.writeString(temp.resolve(Knowledge.RELEASES), "release,kind,period,effective_from\n"
                    + "RVU24AR,pfs,CY2024,2024-01-01\nX,nonsense,Q,2024-13-01\n");
            assertThatThrownBy(() -> Knowledge.load(temp)).isInstanceOf(KnowledgeLoadException.class)
                    .hasMessageContaining("line 3");
        }

        @Test
        void aFeeScheduleRowWithAnUnlistedStatusOrAComponentWithoutItsBaseRowStops() throws IOException {
            Files.writeString(temp.resolve(Knowledge.RELEASES), "release,kind,period,effective_from\n"
                    + "RVU24AR,pfs,CY2024,2024-01-01\n2024Q3,ncci,2024 Q3,2024-07-01\nFY2024,icd,FY2024,2023-10-01\n");
            Files.copy(Path.of("rules", Knowledge.PFS_STATUS), temp.resolve(Knowledge.PFS_STATUS));
            String header = "code,modifier,status,global_days,work_rvu,non_facility_total,facility_total,pctc,mult_proc,"
                    + "bilat_surg,asst_surg,co_surg,team_surg,conv_factor\n";
            Files.writeString(temp.resolve("pfs-RVU24AR.csv"), header + "11102,,Q,000,0.66,3.02,1.30,0,2,0,0,0,0,33.2875\n");
            assertThatThrownBy(() -> Knowledge.load(temp)).isInstanceOf(KnowledgeLoadException.class)
                    .hasMessageContaining("line 2").hasMessageContaining("status Q");
            Files.writeString(temp.resolve("pfs-RVU24AR.csv"), header + "88305,26,A,XXX,0.75,1.08,1.08,1,0,0,0,0,0,33.2875\n");
            assertThatThrownBy(() -> Knowledge.load(temp)).isInstanceOf(KnowledgeLoadException.class)
                    .hasMessageContaining("88305-26 has no base row");
            Files.writeString(temp.resolve("pfs-RVU24AR.csv"), header + "88305,59,A,XXX,0.75,1.08,1.08,1,0,0,0,0,0,33.2875\n");
            assertThatThrownBy(() -> Knowledge.load(temp)).isInstanceOf(KnowledgeLoadException.class)
                    .hasMessageContaining("modifier must be empty, 26 or TC");
        }

        @Test
        void quotedCellsMayHoldCommas() throws IOException {
            for (String name : new String[] {"releases.csv", "icd-10-cm.csv", "icd-body-sites.csv", "pfs-status.csv"}) {
                Files.copy(Path.of("rules", name), temp.resolve(name));
            }
            for (String release : new String[] {"RVU24AR", "RVU25D", "RVU26C"}) {
                Files.copy(Path.of("rules", "pfs-" + release + ".csv"), temp.resolve("pfs-" + release + ".csv"));
            }
            for (String release : new String[] {"2024Q3", "2026Q2"}) {
                for (String part : new String[] {"mue", "aoc", "coverage"}) {
                    String name = "ncci-" + release + "-" + part + ".csv";
                    Files.copy(Path.of("rules", name), temp.resolve(name));
                }
                Files.writeString(temp.resolve("ncci-" + release + "-ptp.csv"),
                        "column1,column2,modifier_indicator,orientation,rationale\nA,B,1,cms,\"one, two \"\"three\"\"\"\n");
            }
            Files.writeString(temp.resolve("ncci-2026Q2-coverage.csv"), "code\nA\n");
            Knowledge loaded = Knowledge.load(temp);
            assertThat(loaded.ptp("B", "A", day("2026-05-01")).map(PtpPair::rationale)).contains("one, two \"three\"");
            assertThat(loaded.releases()).hasSize(9);
        }
    }
}
