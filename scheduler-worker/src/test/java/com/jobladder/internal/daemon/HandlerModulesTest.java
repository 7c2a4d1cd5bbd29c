package com.jobladder.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.jobladder.internal.config.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerModulesTest {
    /** Not a module; its static initialiser records that it ran. */
    public static final class NotAModule {
        static {
            NotAModuleInitialised.ran = true;
        }
    }

    /** Holds the flag outside the class under test, so reading it does not initialise that class. */
    static final class NotAModuleInitialised {
        static volatile boolean ran;
    }

    public static final class AModule extends AbstractModule {}

    @Test
    void aClassThatIsNotAModuleIsRefusedWithoutRunningItsStaticInitialiser() {
        assertThatThrownBy(() -> HandlerModules.load(List.of(NotAModule.class.getName())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a com.google.inject.Module");
        assertThat(NotAModuleInitialised.ran)
                .as("static initialiser of the refused class ran")
                .isFalse();
    }

    @Test
    void aModuleIsInstantiated() {
        assertThat(HandlerModules.load(List.of(AModule.class.getName())))
                .singleElement()
                .isInstanceOf(AModule.class);
    }

    @Test
    void aMissingClassSaysWhereToPutItsJar() {
        assertThatThrownBy(() -> HandlerModules.load(List.of("com.example.Nope")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not on the classpath");
    }
}
