package dev.esem.spring.autoconfigure;

import java.beans.Introspector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.esem.PythonBridge;
import dev.esem.PythonFactory;
import dev.esem.annotation.PythonClass;
import dev.esem.annotation.PythonModule;
import dev.esem.spring.PythonScan;
import dev.esem.spring.PythonScanPackages;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean for each interface annotated with {@link PythonModule @PythonModule}
 * (the interface itself) or {@link PythonClass @PythonClass} (a
 * {@code PythonFactory<ThatInterface>}). Scans the packages of
 * {@link PythonScan @PythonScan} when present, else the auto-configuration packages (the
 * {@code @SpringBootApplication} package). Each definition declares its type up front,
 * so injection by type, generic ones included, never needs to create the bean early.
 * <p>
 * A bean is named by the interface's fully qualified name ({@code com.shop.Pricing},
 * {@code com.shop.CalculatorFactory} for a factory), so interfaces of the same simple
 * name in different packages coexist; the decapitalized simple name
 * ({@code pricing}, {@code calculatorFactory}) is an alias when no other bean has it.
 */
class PythonInterfacesRegistrar
		implements ImportBeanDefinitionRegistrar, BeanFactoryAware, BeanClassLoaderAware, EnvironmentAware,
		ResourceLoaderAware {

	private static final Log logger = LogFactory.getLog(PythonInterfacesRegistrar.class);

	private BeanFactory beanFactory;

	private ClassLoader classLoader;

	private Environment environment;

	private ResourceLoader resourceLoader;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		List<String> packages = packagesToScan();
		if (packages.isEmpty()) {
			logger.debug("No @PythonScan and no auto-configuration package: no Python interfaces scanned");
			return;
		}
		Scanner scanner = new Scanner(this.environment, this.resourceLoader);
		Set<String> seen = new LinkedHashSet<>();
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				if (seen.add(candidate.getBeanClassName())) {
					register(registry, ((AnnotatedBeanDefinition) candidate).getMetadata());
				}
			}
		}
	}

	private List<String> packagesToScan() {
		List<String> packages = PythonScanPackages.get(this.beanFactory).getPackageNames();
		if (!packages.isEmpty()) {
			return packages;
		}
		return AutoConfigurationPackages.has(this.beanFactory) ? AutoConfigurationPackages.get(this.beanFactory)
				: new ArrayList<>();
	}

	private void register(BeanDefinitionRegistry registry, AnnotationMetadata metadata) {
		boolean isModule = metadata.hasAnnotation(PythonModule.class.getName());
		boolean isClass = metadata.hasAnnotation(PythonClass.class.getName());
		String annotation = isModule ? "@PythonModule" : "@PythonClass";
		if (!metadata.isInterface() || metadata.isAnnotation()) {
			throw new IllegalStateException(annotation + " is only supported on interfaces, but "
					+ metadata.getClassName() + " is " + (metadata.isAnnotation() ? "an annotation" : "a class")
					+ ". Declare it as an interface whose methods name the Python functions or methods.");
		}
		if (isModule && isClass) {
			throw new IllegalStateException(metadata.getClassName()
					+ " is annotated with both @PythonModule and @PythonClass; an interface maps either a module's "
					+ "functions or a class's methods. Split it into two interfaces.");
		}
		Class<?> type = ClassUtils.resolveClassName(metadata.getClassName(), this.classLoader);
		RootBeanDefinition definition = isModule ? moduleDefinition(type) : classDefinition(type);
		definition.setSource(type);
		definition.setResourceDescription(annotation + " interface " + type.getName());
		String suffix = isModule ? "" : "Factory";
		String name = type.getName() + suffix;
		registry.registerBeanDefinition(name, definition);
		String alias = Introspector.decapitalize(type.getSimpleName()) + suffix;
		if (registry.isBeanNameInUse(alias)) {
			logger.debug("The bean of " + type.getName() + " is named " + name + " only: " + alias
					+ " is taken, by another interface of the same simple name or another bean");
		}
		else {
			registry.registerAlias(name, alias);
		}
	}

	private static RootBeanDefinition moduleDefinition(Class<?> type) {
		PythonModule module = type.getAnnotation(PythonModule.class);
		RootBeanDefinition definition = factoryMethodDefinition("bindModule");
		definition.setTargetType(type);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(1, module.value());
		definition.getConstructorArgumentValues().addIndexedArgumentValue(2, type);
		return definition;
	}

	private static RootBeanDefinition classDefinition(Class<?> type) {
		PythonClass pythonClass = type.getAnnotation(PythonClass.class);
		String className = pythonClass.name().isEmpty() ? type.getSimpleName() : pythonClass.name();
		RootBeanDefinition definition = factoryMethodDefinition("classFactory");
		definition.setTargetType(ResolvableType.forClassWithGenerics(PythonFactory.class, type));
		definition.getConstructorArgumentValues().addIndexedArgumentValue(1, pythonClass.module());
		definition.getConstructorArgumentValues().addIndexedArgumentValue(2, className);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(3, type);
		return definition;
	}

	private static RootBeanDefinition factoryMethodDefinition(String factoryMethod) {
		RootBeanDefinition definition = new RootBeanDefinition(PythonInterfaces.class);
		definition.setFactoryMethodName(factoryMethod);
		definition.getConstructorArgumentValues()
			.addIndexedArgumentValue(0, new RuntimeBeanReference(PythonBridge.class));
		return definition;
	}

	/** Finds top-level and static nested types, interfaces included, carrying either annotation. */
	private static final class Scanner extends ClassPathScanningCandidateComponentProvider {

		Scanner(Environment environment, ResourceLoader resourceLoader) {
			super(false, environment);
			setResourceLoader(resourceLoader);
			addIncludeFilter(new AnnotationTypeFilter(PythonModule.class, false));
			addIncludeFilter(new AnnotationTypeFilter(PythonClass.class, false));
		}

		@Override
		protected boolean isCandidateComponent(AnnotatedBeanDefinition beanDefinition) {
			return beanDefinition.getMetadata().isIndependent();
		}

	}

}
