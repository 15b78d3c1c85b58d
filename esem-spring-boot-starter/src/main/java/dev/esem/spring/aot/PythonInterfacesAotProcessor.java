package dev.esem.spring.aot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.esem.PythonFactory;
import dev.esem.annotation.PythonClass;
import dev.esem.annotation.PythonModule;
import dev.esem.spring.autoconfigure.EsemProperties;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Adds to the native-image hints of an application what its Python beans need: the
 * {@link PythonInterfaceHints} of each {@code @PythonModule} interface bean and of the
 * interface of each {@code PythonFactory<T>} bean, and the Python sources under the
 * {@code classpath:} locations of {@code esem.python-path} (the default one is always
 * registered by {@link EsemRuntimeHints}).
 */
class PythonInterfacesAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> interfaces = pythonInterfaces(beanFactory);
		List<String> sources = classpathSources(beanFactory);
		if (interfaces.isEmpty() && sources.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			RuntimeHints hints = generationContext.getRuntimeHints();
			PythonInterfaceHints.register(hints, interfaces.toArray(Class<?>[]::new));
			sources.forEach(hints.resources()::registerPattern);
		};
	}

	/** The interfaces of the beans that are Python views, in bean definition order. */
	private static Set<Class<?>> pythonInterfaces(ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			ResolvableType type = beanFactory.getMergedBeanDefinition(name).getResolvableType();
			Class<?> raw = type.resolve();
			if (raw == null) {
				continue;
			}
			if (raw.isInterface() && (raw.isAnnotationPresent(PythonModule.class)
					|| raw.isAnnotationPresent(PythonClass.class))) {
				interfaces.add(raw);
			}
			else if (PythonFactory.class.isAssignableFrom(raw)) {
				Class<?> view = type.as(PythonFactory.class).resolveGeneric(0);
				if (view != null && view.isInterface()) {
					interfaces.add(view);
				}
			}
		}
		return interfaces;
	}

	/** Resource patterns for the files under each {@code classpath:} location of {@code esem.python-path}. */
	private static List<String> classpathSources(ConfigurableListableBeanFactory beanFactory) {
		Environment environment = beanFactory.getBeanProvider(Environment.class).getIfAvailable();
		if (environment == null) {
			return List.of();
		}
		return Binder.get(environment)
			.bind("esem.python-path", Bindable.listOf(String.class))
			.orElse(List.of(EsemProperties.DEFAULT_PYTHON_PATH))
			.stream()
			.map(PythonSourceLocations::resourcePattern)
			.filter(Objects::nonNull)
			.toList();
	}

}
