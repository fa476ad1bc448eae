package io.berth.server.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Tomcat answer its own refusals with problems: {@link ProblemReportValve} replaces the host's
 * HTML error report valve. Errors inside the application go to {@link ProblemErrorController}.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblems {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(ObjectProvider<ProblemWriter> problems) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // the host adds the valve named here when it starts, unless one of that class is there already
                host.getPipeline().addValve(new ProblemReportValve(problems::getObject));
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }
}
