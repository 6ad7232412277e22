package io.jenkins.plugins.kargo.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.kargo.plugin.engine.FreightChoice;
import org.junit.jupiter.api.Test;

/** Every step's arguments: missing, conflicting and bad ones get a message that names the argument. */
class StepArgumentsTest {

    @Test
    void promoteBindsOneChoiceOfFreight() throws AbortException {
        KargoPromoteStep step = new KargoPromoteStep(" myapp ", "uat");
        step.setFreightAlias(" icy-sparrow ");
        PromoteRequest request = step.request();
        assertThat(request.project()).isEqualTo("myapp");
        assertThat(request.stage()).isEqualTo("uat");
        assertThat(request.freight()).isEqualTo(new FreightChoice(FreightChoice.Kind.ALIAS, "icy-sparrow"));
        assertThat(request.submitter()).isNull();

        KargoPromoteStep latest = new KargoPromoteStep("myapp", "dev");
        latest.setLatest(true);
        latest.setWarehouse("services-warehouse");
        latest.setSubmitter("  ");
        assertThat(latest.request().freight()).isEqualTo(new FreightChoice(FreightChoice.Kind.LATEST,
                "services-warehouse"));
        assertThat(latest.getSubmitter()).as("blank optional arguments are not given").isNull();

        KargoPromoteStep rollback = new KargoPromoteStep("myapp", "production");
        rollback.setRollback(true);
        assertThat(rollback.request().freight().kind()).isEqualTo(FreightChoice.Kind.ROLLBACK);

        KargoPromoteStep byName = new KargoPromoteStep("myapp", "production");
        byName.setFreight("f1e2d3");
        assertThat(byName.request().freight()).isEqualTo(new FreightChoice(FreightChoice.Kind.NAME, "f1e2d3"));
    }

    @Test
    void promoteRefusesMissingAndConflictingArguments() {
        assertThatThrownBy(() -> new KargoPromoteStep("myapp", "uat").request())
                .isInstanceOf(AbortException.class)
                .hasMessage("kargoPromote: say which Freight to promote: give one of freight: 'NAME', "
                        + "freightAlias: 'ALIAS', latest: true or rollback: true");

        KargoPromoteStep both = new KargoPromoteStep("myapp", "uat");
        both.setFreight("f1");
        both.setLatest(true);
        assertThatThrownBy(both::request).hasMessage("kargoPromote: give only one of freight, freightAlias, latest "
                + "and rollback; got freight and latest: true");

        KargoPromoteStep warehouseAlone = new KargoPromoteStep("myapp", "uat");
        warehouseAlone.setFreightAlias("icy-sparrow");
        warehouseAlone.setWarehouse("services-warehouse");
        assertThatThrownBy(warehouseAlone::request).hasMessageContaining("warehouse: 'services-warehouse' only goes "
                + "with latest: true");

        KargoPromoteStep noStage = new KargoPromoteStep("myapp", " ");
        noStage.setLatest(true);
        assertThatThrownBy(noStage::request).hasMessage("kargoPromote: stage is required: give stage: 'NAME'");
        KargoPromoteStep noProject = new KargoPromoteStep(null, "dev");
        noProject.setLatest(true);
        assertThatThrownBy(noProject::request).hasMessage("kargoPromote: project is required: give project: 'NAME'");
    }

    @Test
    void verifyAndDiscoverNameTheirMissingArguments() throws AbortException {
        assertThatThrownBy(() -> new KargoVerifyStep("myapp", null).request())
                .isInstanceOf(AbortException.class).hasMessage("kargoVerify: stage is required: give stage: 'NAME'");
        assertThatThrownBy(() -> new KargoDiscoverStep("").request())
                .isInstanceOf(AbortException.class)
                .hasMessage("kargoDiscover: project is required: give project: 'NAME'");

        KargoDiscoverStep all = new KargoDiscoverStep("myapp");
        assertThat(all.request().warehouse()).as("no warehouse: every warehouse").isNull();
        KargoDiscoverStep one = new KargoDiscoverStep("myapp");
        one.setWarehouse(" packages-warehouse ");
        assertThat(one.request()).isEqualTo(new DiscoverRequest("myapp", "packages-warehouse"));

        KargoVerifyStep verify = new KargoVerifyStep("myapp", "preprod");
        verify.setSubmitter("qa");
        assertThat(verify.request()).isEqualTo(new VerifyRequest("myapp", "preprod", "qa"));
    }

    @Test
    void theFormChecksSayTheSame() {
        KargoPromoteStep.DescriptorImpl promote = new KargoPromoteStep.DescriptorImpl();
        assertThat(promote.doCheckStage("").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(promote.doCheckStage("").getMessage()).contains("stage is required");
        assertThat(promote.doCheckStage("uat").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(promote.doCheckFreight("f1", "alias", false, false, null).getMessage())
                .contains("give only one of freight, freightAlias");
        assertThat(promote.doCheckFreight(null, "alias", false, false, null).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(promote.getFunctionName()).isEqualTo("kargoPromote");
        assertThat(new KargoVerifyStep.DescriptorImpl().getFunctionName()).isEqualTo("kargoVerify");
        assertThat(new KargoDiscoverStep.DescriptorImpl().getFunctionName()).isEqualTo("kargoDiscover");
        assertThat(new KargoDiscoverStep.DescriptorImpl().doCheckProject(" ").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }
}
